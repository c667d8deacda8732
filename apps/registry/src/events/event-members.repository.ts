import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface MemberRetention {
  code: string;
  name: string;
  retentionDays: number;
}

/** Members as event reads need them (code, name, retention), always through a scope: `undefined` = all. */
@Injectable()
export class EventMembersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: string[] | undefined): Promise<MemberRetention[]> {
    if (scope !== undefined && scope.length === 0) return [];
    const rows = (await (scope
      ? this.dataSource.query(
          'SELECT code, name, retention_days FROM vigie_members WHERE code = ANY($1) ORDER BY code',
          [scope],
        )
      : this.dataSource.query('SELECT code, name, retention_days FROM vigie_members ORDER BY code'))) as Array<
      Record<string, unknown>
    >;
    return rows.map((r) => ({ code: String(r.code), name: String(r.name), retentionDays: Number(r.retention_days) }));
  }
}
