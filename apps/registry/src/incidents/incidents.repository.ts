import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import { formatIncidentReference } from '@vigie/isms';
import { DataSource } from 'typeorm';
import { Incident, INCIDENT_COLUMNS, IncidentLinks, IncidentMemberLink, toIncident } from './incident.types';
import { Queryable } from './sql-values';

export interface IncidentFilter {
  status?: string;
  category?: string;
  severity?: string;
  member?: string;
  from?: string;
  to?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The SQL condition "affects a member in scope", `$n` being the scope array. */
export function scopeCondition(alias: string, param: number): string {
  return `EXISTS (SELECT 1 FROM vigie_incident_members sm WHERE sm.incident_id = ${alias}.id AND sm.member = ANY($${param}))`;
}

/** Incidents, always read through a member scope (`undefined` = all members). */
@Injectable()
export class IncidentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async nextReference(m: Queryable, year: number): Promise<string> {
    const rows = await m.query(
      `INSERT INTO vigie_incident_counters (year, last_seq) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_seq = vigie_incident_counters.last_seq + 1 RETURNING last_seq`,
      [year],
    );
    return formatIncidentReference(year, Number(returnedRows<{ last_seq: number }>(rows)[0].last_seq));
  }

  async insert(m: Queryable, values: Record<string, unknown>): Promise<Incident> {
    const cols = Object.keys(values);
    const rows = await m.query(
      `INSERT INTO vigie_incidents (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${INCIDENT_COLUMNS}`,
      cols.map((c) => values[c]),
    );
    return toIncident(rows[0]);
  }

  async update(m: Queryable, id: string, values: Record<string, unknown>): Promise<Incident> {
    const cols = Object.keys(values);
    const rows = returnedRows(
      await m.query(
        `UPDATE vigie_incidents SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${INCIDENT_COLUMNS}`,
        [id, ...cols.map((c) => values[c])],
      ),
    );
    return toIncident(rows[0]);
  }

  /**
   * One incident by id or reference, if in scope. With `lock`, the row is
   * locked until the transaction ends (timeline numbering, transitions).
   */
  async find(
    idOrRef: string,
    scope: string[] | undefined,
    m: Queryable = this.dataSource,
    lock = false,
  ): Promise<Incident | undefined> {
    const params: unknown[] = [idOrRef];
    let where = UUID.test(idOrRef) ? 'i.id = $1' : 'i.reference = $1';
    if (scope) {
      params.push(scope);
      where += ` AND ${scopeCondition('i', 2)}`;
    }
    const rows = await m.query(
      `SELECT ${INCIDENT_COLUMNS} FROM vigie_incidents i WHERE ${where}${lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    return rows[0] ? toIncident(rows[0]) : undefined;
  }

  async list(f: IncidentFilter, scope: string[] | undefined, m: Queryable = this.dataSource): Promise<Incident[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (scope) add(scopeCondition('i', 0).replace('$0', '?'), scope);
    if (f.status) add('i.status = ?', f.status);
    if (f.category) add('i.category = ?', f.category);
    if (f.severity) add('i.severity = ?', f.severity);
    if (f.from) add('i.detected_at >= ?', f.from);
    if (f.to) add('i.detected_at < ?', f.to);
    if (f.member)
      add('EXISTS (SELECT 1 FROM vigie_incident_members fm WHERE fm.incident_id = i.id AND fm.member = ?)', f.member);
    const rows = await m.query(
      `SELECT ${INCIDENT_COLUMNS} FROM vigie_incidents i ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY i.detected_at DESC, i.reference DESC`,
      params,
    );
    return rows.map(toIncident);
  }

  async members(m: Queryable, ids: string[]): Promise<Map<string, IncidentMemberLink[]>> {
    const out = new Map<string, IncidentMemberLink[]>();
    if (!ids.length) return out;
    const rows = await m.query(
      'SELECT incident_id, member, manual, derived FROM vigie_incident_members WHERE incident_id = ANY($1) ORDER BY member',
      [ids],
    );
    for (const r of rows) {
      const list = out.get(String(r.incident_id)) ?? [];
      list.push({ member: String(r.member), manual: Boolean(r.manual), derived: Boolean(r.derived) });
      out.set(String(r.incident_id), list);
    }
    return out;
  }

  async addManualMembers(m: Queryable, id: string, codes: string[]): Promise<void> {
    for (const code of codes)
      await m.query(
        `INSERT INTO vigie_incident_members (incident_id, member, manual) VALUES ($1, $2, true)
         ON CONFLICT (incident_id, member) DO UPDATE SET manual = true`,
        [id, code],
      );
  }

  /** Removes the manual link; the row stays while the member is still derived. */
  async removeManualMember(m: Queryable, id: string, code: string): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        'UPDATE vigie_incident_members SET manual = false WHERE incident_id = $1 AND member = $2 AND manual RETURNING member',
        [id, code],
      ),
    );
    await m.query('DELETE FROM vigie_incident_members WHERE incident_id = $1 AND NOT manual AND NOT derived', [id]);
    return rows.length > 0;
  }

  /** Sets the members derived from the registry to exactly `codes`. */
  async syncDerivedMembers(m: Queryable, id: string, codes: string[]): Promise<void> {
    await m.query('UPDATE vigie_incident_members SET derived = (member = ANY($2)) WHERE incident_id = $1', [id, codes]);
    for (const code of codes)
      await m.query(
        `INSERT INTO vigie_incident_members (incident_id, member, derived) VALUES ($1, $2, true)
         ON CONFLICT (incident_id, member) DO UPDATE SET derived = true`,
        [id, code],
      );
    await m.query('DELETE FROM vigie_incident_members WHERE incident_id = $1 AND NOT manual AND NOT derived', [id]);
  }

  async links(m: Queryable, ids: string[]): Promise<Map<string, IncidentLinks>> {
    const out = new Map<string, IncidentLinks>();
    for (const id of ids) out.set(id, { applications: [], hosts: [], alerts: [] });
    if (!ids.length) return out;
    const rows = await m.query(
      'SELECT incident_id, kind, ref FROM vigie_incident_links WHERE incident_id = ANY($1) ORDER BY added_at, ref',
      [ids],
    );
    const key = { application: 'applications', host: 'hosts', alert: 'alerts' } as const;
    for (const r of rows) out.get(String(r.incident_id))?.[key[r.kind as keyof typeof key]].push(String(r.ref));
    return out;
  }

  async addLink(m: Queryable, id: string, kind: string, ref: string, by: string): Promise<boolean> {
    const rows = await m.query(
      'INSERT INTO vigie_incident_links (incident_id, kind, ref, added_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING ref',
      [id, kind, ref, by],
    );
    return returnedRows(rows).length > 0;
  }

  async removeLink(m: Queryable, id: string, kind: string, ref: string): Promise<boolean> {
    const rows = returnedRows(
      await m.query(
        'DELETE FROM vigie_incident_links WHERE incident_id = $1 AND kind = $2 AND ref = $3 RETURNING ref',
        [id, kind, ref],
      ),
    );
    return rows.length > 0;
  }

  /** Member codes among `codes` that do not exist. */
  async unknownMembers(m: Queryable, codes: string[]): Promise<string[]> {
    if (!codes.length) return [];
    const rows = await m.query('SELECT code FROM vigie_members WHERE code = ANY($1)', [codes]);
    const known = new Set(rows.map((r: { code: string }) => r.code));
    return codes.filter((c) => !known.has(c));
  }
}
