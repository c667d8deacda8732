import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import { ActivityContent, fold } from '@vigie/gdpr';
import { DataSource, EntityManager } from 'typeorm';
import { likeTerms } from '../applications/applications.repository';
import { ActivityRow, ActivityVersion, Controller } from './processing-activity';

type Db = EntityManager | DataSource;
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
function toRow(r: Record<string, unknown>): ActivityRow {
  return {
    id: String(r.id),
    member: String(r.member),
    reference: String(r.reference),
    name: String(r.name),
    status: r.status as ActivityRow['status'],
    version: Number(r.version),
    content: json(r.content),
    nextReviewDate: (json(r.content) as ActivityContent).nextReviewDate ?? null,
    createdAt: iso(r.created_at)!,
    createdBy: String(r.created_by),
    updatedAt: iso(r.updated_at)!,
    updatedBy: String(r.updated_by),
    validatedAt: iso(r.validated_at),
    validatedBy: (r.validated_by as string | null) ?? null,
  };
}

export function activitySearchText(c: ActivityContent): string {
  return fold(
    [
      c.reference,
      c.name,
      ...c.purposes,
      c.legalBasisJustification,
      c.dataSource,
      ...c.recipients.map((r) => r.name),
      ...c.dataCategories.map((d) => `${d.code} ${d.description ?? ''}`),
      ...c.dataSubjects.map((s) => s.code),
      ...c.securityMeasures.map((s) => s.description),
    ]
      .filter(Boolean)
      .join(' '),
  );
}

export interface LinkedApplication {
  id: string;
  name: string;
  vendor: string;
  domain: string;
  hosting: string;
  dataCategories: Array<{ code: string }>;
}

export interface ActivityFilter {
  q?: string;
  status?: string;
  includeArchived?: boolean;
}

@Injectable()
export class ProcessingActivitiesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async controller(member: string, scope: string[] | undefined, m: Db = this.dataSource): Promise<Controller | undefined> {
    if (scope && !scope.includes(member)) return undefined;
    const rows = await m.query('SELECT code, name, siren FROM vigie_members WHERE code = $1', [member]);
    return rows[0] ? { code: rows[0].code, name: rows[0].name, siren: rows[0].siren ?? null } : undefined;
  }

  /** Member codes in a scope, without the `unattributed` pseudo-member. */
  async memberCodes(scope: string[] | undefined, m: Db = this.dataSource): Promise<string[]> {
    const rows = scope
      ? await m.query(`SELECT code FROM vigie_members WHERE code <> 'unattributed' AND code = ANY($1) ORDER BY code`, [scope])
      : await m.query(`SELECT code FROM vigie_members WHERE code <> 'unattributed' ORDER BY code`);
    return rows.map((r: { code: string }) => r.code);
  }

  async controllers(codes: string[], m: Db = this.dataSource): Promise<Map<string, Controller>> {
    const rows = await m.query('SELECT code, name, siren FROM vigie_members WHERE code = ANY($1)', [codes]);
    return new Map(rows.map((r: Record<string, string>) => [r.code, { code: r.code, name: r.name, siren: r.siren ?? null }]));
  }

  /** Records of some members (`undefined` = all members), newest references last. */
  async list(members: string[] | undefined, f: ActivityFilter = {}, m: Db = this.dataSource): Promise<ActivityRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    if (members) add((p) => `member = ANY(${p})`, members);
    if (f.status) add((p) => `status = ${p}`, f.status);
    else if (!f.includeArchived) where.push(`status <> 'archived'`);
    for (const t of likeTerms(f.q)) add((p) => `search_text LIKE ${p}`, t);
    const rows = await m.query(
      `SELECT * FROM vigie_processing_activities ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY member, reference`,
      params,
    );
    return rows.map(toRow);
  }

  async get(member: string, id: string, m: Db = this.dataSource, lock = false): Promise<ActivityRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows = await m.query(
      `SELECT * FROM vigie_processing_activities WHERE member = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [member, id],
    );
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  async getByReference(member: string, reference: string, m: Db = this.dataSource): Promise<ActivityRow | undefined> {
    const rows = await m.query('SELECT * FROM vigie_processing_activities WHERE member = $1 AND reference = $2', [member, reference]);
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  async nextReference(member: string, m: Db): Promise<string> {
    const rows = await m.query(
      `SELECT reference FROM vigie_processing_activities WHERE member = $1 AND reference LIKE $2`,
      [member, `${member}-T%`],
    );
    const max = rows.reduce((n: number, r: { reference: string }) => Math.max(n, Number(/-T(\d+)$/.exec(r.reference)?.[1] ?? 0)), 0);
    return `${member}-T${String(max + 1).padStart(3, '0')}`;
  }

  async insert(m: EntityManager, member: string, status: string, content: ActivityContent, actor: string): Promise<ActivityRow> {
    const rows = await m.query(
      `INSERT INTO vigie_processing_activities (member, reference, name, status, version, content, next_review_date, search_text, created_by, updated_by)
       VALUES ($1,$2,$3,$4,1,$5,$6,$7,$8,$8) RETURNING *`,
      [member, content.reference, content.name, status, JSON.stringify(content), content.nextReviewDate ?? null, activitySearchText(content), actor],
    );
    const row = toRow(rows[0]);
    await this.linkApplications(m, row.id, content.applicationIds);
    return row;
  }

  async update(
    m: EntityManager,
    id: string,
    v: { status: string; version: number; content: ActivityContent; actor: string; validated?: boolean },
  ): Promise<ActivityRow> {
    const rows = returnedRows(
      await m.query(
        `UPDATE vigie_processing_activities SET reference=$2, name=$3, status=$4, version=$5, content=$6, next_review_date=$7, search_text=$8,
           updated_at=now(), updated_by=$9${v.validated ? ', validated_at=now(), validated_by=$9' : ''} WHERE id=$1 RETURNING *`,
        [id, v.content.reference, v.content.name, v.status, v.version, JSON.stringify(v.content), v.content.nextReviewDate ?? null, activitySearchText(v.content), v.actor],
      ),
    );
    await this.linkApplications(m, id, v.content.applicationIds);
    return toRow(rows[0]);
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query('DELETE FROM vigie_processing_activities WHERE id = $1', [id]);
  }

  async addVersion(m: EntityManager, id: string, v: Omit<ActivityVersion, 'changedAt'>): Promise<void> {
    await m.query(
      `INSERT INTO vigie_processing_activity_versions (activity_id, version, status, change_kind, snapshot, changed_by, comment) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [id, v.version, v.status, v.changeKind, JSON.stringify(v.snapshot), v.changedBy, v.comment],
    );
  }

  async versions(id: string, m: Db = this.dataSource): Promise<ActivityVersion[]> {
    const rows = await m.query('SELECT * FROM vigie_processing_activity_versions WHERE activity_id = $1 ORDER BY version', [id]);
    return rows.map((r: Record<string, unknown>) => ({
      version: Number(r.version),
      status: r.status as ActivityVersion['status'],
      changeKind: String(r.change_kind),
      snapshot: json(r.snapshot),
      changedBy: String(r.changed_by),
      changedAt: iso(r.changed_at)!,
      comment: (r.comment as string | null) ?? null,
    }));
  }

  /** Applications (id, name...) by id. */
  async applications(ids: string[], m: Db = this.dataSource): Promise<Map<string, LinkedApplication>> {
    const out = new Map<string, LinkedApplication>();
    if (!ids.length) return out;
    const rows = await m.query('SELECT id, name, vendor, domain, hosting, data_categories FROM vigie_applications WHERE id = ANY($1::uuid[])', [ids]);
    for (const r of rows as Array<Record<string, unknown>>)
      out.set(String(r.id), {
        id: String(r.id),
        name: String(r.name),
        vendor: String(r.vendor),
        domain: String(r.domain),
        hosting: String(r.hosting),
        dataCategories: json(r.data_categories) ?? [],
      });
    return out;
  }

  private async linkApplications(m: EntityManager, id: string, appIds: string[]): Promise<void> {
    await m.query('DELETE FROM vigie_activity_applications WHERE activity_id = $1', [id]);
    if (appIds.length)
      await m.query('INSERT INTO vigie_activity_applications (activity_id, application_id) SELECT $1, unnest($2::uuid[])', [id, appIds]);
  }
}
