import { Injectable } from '@nestjs/common';
import { ReferenceItem, ReferenceKind, ReferenceLookup } from '@vigie/gdpr';
import { DataSource, EntityManager } from 'typeorm';

function toItem(r: Record<string, unknown>): ReferenceItem {
  return {
    kind: r.kind as ReferenceKind,
    code: String(r.code),
    label: String(r.label),
    description: (r.description as string | null) ?? null,
    article: (r.article as string | null) ?? null,
    sensitive: Boolean(r.sensitive),
    regulated: Boolean(r.regulated),
    vulnerable: Boolean(r.vulnerable),
    group: (r.category_group as string | null) ?? null,
    position: Number(r.position),
  };
}

/** Reference data seeded by the migration; read-only. */
@Injectable()
export class ReferenceDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(kind?: ReferenceKind, m: EntityManager | DataSource = this.dataSource): Promise<ReferenceItem[]> {
    const rows = kind
      ? await m.query('SELECT * FROM vigie_gdpr_reference WHERE kind = $1 ORDER BY position', [kind])
      : await m.query('SELECT * FROM vigie_gdpr_reference ORDER BY kind, position');
    return rows.map(toItem);
  }

  async lookup(m: EntityManager | DataSource = this.dataSource): Promise<ReferenceLookup> {
    return new ReferenceLookup(await this.list(undefined, m));
  }
}
