import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@vigie/database';

export interface Member {
  id: string;
  code: string;
  name: string;
  type: string;
  siren: string | null;
  networks: string[];
  timeZone: string;
  retentionDays: number;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, code, name, type, siren, networks, time_zone, retention_days, created_at, updated_at`;

function toMember(r: Record<string, unknown>): Member {
  return {
    id: String(r.id),
    code: String(r.code),
    name: String(r.name),
    type: String(r.type),
    siren: (r.siren as string | null) ?? null,
    networks: (r.networks as string[]) ?? [],
    timeZone: String(r.time_zone),
    retentionDays: Number(r.retention_days),
    createdAt: new Date(r.created_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

/** Members, always read through a scope: `undefined` = all members. */
@Injectable()
export class MembersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: string[] | undefined): Promise<Member[]> {
    const rows = scope
      ? await this.dataSource.query(`SELECT ${COLUMNS} FROM vigie_members WHERE code = ANY($1) ORDER BY code`, [scope])
      : await this.dataSource.query(`SELECT ${COLUMNS} FROM vigie_members ORDER BY code`);
    return rows.map(toMember);
  }

  async get(
    code: string,
    scope: string[] | undefined,
    m: EntityManager | DataSource = this.dataSource,
  ): Promise<Member | undefined> {
    if (scope && !scope.includes(code)) return undefined;
    const rows = await m.query(`SELECT ${COLUMNS} FROM vigie_members WHERE code = $1`, [code]);
    return rows[0] ? toMember(rows[0]) : undefined;
  }

  async insert(m: EntityManager, v: Omit<Member, 'id' | 'createdAt' | 'updatedAt'>): Promise<Member> {
    const rows = await m.query(
      `INSERT INTO vigie_members (code, name, type, siren, networks, time_zone, retention_days) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING ${COLUMNS}`,
      [v.code, v.name, v.type, v.siren, v.networks, v.timeZone, v.retentionDays],
    );
    return toMember(rows[0]);
  }

  async update(m: EntityManager, code: string, v: Omit<Member, 'id' | 'createdAt' | 'updatedAt'>): Promise<Member> {
    const rows = returnedRows(
      await m.query(
        `UPDATE vigie_members SET code=$2, name=$3, type=$4, siren=$5, networks=$6, time_zone=$7, retention_days=$8, updated_at=now() WHERE code=$1 RETURNING ${COLUMNS}`,
        [code, v.code, v.name, v.type, v.siren, v.networks, v.timeZone, v.retentionDays],
      ),
    );
    return toMember(rows[0]);
  }
}
