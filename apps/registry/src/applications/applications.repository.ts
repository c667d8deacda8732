import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import { fold } from '@vigie/gdpr';
import { DataSource, EntityManager } from 'typeorm';
import { Application, ApplicationValues } from './application';

type Db = EntityManager | DataSource;

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

function toApplication(r: Record<string, unknown>): Application {
  return {
    id: String(r.id),
    sourceKey: (r.source_key as string | null) ?? null,
    name: String(r.name),
    vendor: String(r.vendor),
    domain: String(r.domain),
    functions: (r.functions as string[]) ?? [],
    hosting: r.hosting as Application['hosting'],
    dataLocation: String(r.data_location),
    hosts: json(r.hosts) ?? [],
    members: ((r.members as string[] | null) ?? []).filter(Boolean).sort(),
    dataCategories: json(r.data_categories) ?? [],
    dataSubjects: json(r.data_subjects) ?? [],
    vendorRole: (r.vendor_role as Application['vendorRole']) ?? null,
    dpaReference: (r.dpa_reference as string | null) ?? null,
    securityMeasures: json(r.security_measures) ?? [],
    notes: (r.notes as string | null) ?? null,
    createdAt: new Date(r.created_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

const SELECT = `SELECT a.*, ARRAY(SELECT am.member FROM vigie_application_members am WHERE am.application_id = a.id ORDER BY am.member) AS members FROM vigie_applications a`;

/** Visible to a scope: used by one of its members (`undefined` scope = all). */
const IN_SCOPE = (p: string) =>
  `EXISTS (SELECT 1 FROM vigie_application_members s WHERE s.application_id = a.id AND s.member = ANY(${p}))`;

export function searchTextOf(v: Partial<ApplicationValues>): string {
  return fold(
    [v.name, v.vendor, v.domain, ...(v.functions ?? []), ...(v.hosts ?? []).flatMap((h) => [h.hostname, h.ip]), v.notes]
      .filter(Boolean)
      .join(' '),
  );
}

/** Terms of a `?q=` search as LIKE patterns on the folded search text. */
export function likeTerms(q: string | undefined): string[] {
  return fold(q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((t) => `%${t.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
}

export interface ApplicationFilter {
  q?: string;
  member?: string;
  domain?: string;
}

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(scope: string[] | undefined, f: ApplicationFilter = {}, m: Db = this.dataSource): Promise<Application[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    if (scope) add(IN_SCOPE, scope);
    if (f.member)
      add((p) => `EXISTS (SELECT 1 FROM vigie_application_members x WHERE x.application_id = a.id AND x.member = ${p})`, f.member);
    if (f.domain) add((p) => `a.domain = ${p}`, f.domain);
    for (const t of likeTerms(f.q)) add((p) => `a.search_text LIKE ${p}`, t);
    const rows = await m.query(`${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.domain, a.name`, params);
    return rows.map(toApplication);
  }

  async get(id: string, scope: string[] | undefined, m: Db = this.dataSource): Promise<Application | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const rows = scope
      ? await m.query(`${SELECT} WHERE a.id = $1 AND ${IN_SCOPE('$2')}`, [id, scope])
      : await m.query(`${SELECT} WHERE a.id = $1`, [id]);
    return rows[0] ? toApplication(rows[0]) : undefined;
  }

  async getBySourceKey(key: string, m: Db = this.dataSource): Promise<Application | undefined> {
    const rows = await m.query(`${SELECT} WHERE a.source_key = $1`, [key]);
    return rows[0] ? toApplication(rows[0]) : undefined;
  }

  async existingIds(ids: string[], m: Db = this.dataSource): Promise<Set<string>> {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!valid.length) return new Set();
    const rows = await m.query('SELECT id FROM vigie_applications WHERE id = ANY($1::uuid[])', [valid]);
    return new Set(rows.map((r: { id: string }) => String(r.id)));
  }

  async insert(m: EntityManager, v: ApplicationValues): Promise<Application> {
    const rows = await m.query(
      `INSERT INTO vigie_applications (source_key, name, vendor, domain, functions, hosting, data_location, hosts, data_categories, data_subjects, vendor_role, dpa_reference, security_measures, notes, search_text)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id`,
      this.params(v),
    );
    const id = String(rows[0].id);
    await this.setMembers(m, id, v.members);
    return (await this.get(id, undefined, m))!;
  }

  async update(m: EntityManager, id: string, v: ApplicationValues): Promise<Application> {
    returnedRows(
      await m.query(
        `UPDATE vigie_applications SET source_key=$1, name=$2, vendor=$3, domain=$4, functions=$5, hosting=$6, data_location=$7, hosts=$8, data_categories=$9,
           data_subjects=$10, vendor_role=$11, dpa_reference=$12, security_measures=$13, notes=$14, search_text=$15, updated_at=now() WHERE id=$16 RETURNING id`,
        [...this.params(v), id],
      ),
    );
    await this.setMembers(m, id, v.members);
    return (await this.get(id, undefined, m))!;
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query('DELETE FROM vigie_applications WHERE id = $1', [id]);
  }

  /** Processing activities (any member) that use the application. */
  async activityCount(id: string, m: Db = this.dataSource): Promise<number> {
    const [{ n }] = await m.query('SELECT count(*)::int AS n FROM vigie_activity_applications WHERE application_id = $1', [id]);
    return Number(n);
  }

  /** The activities that use these applications, within a scope. */
  async activitiesUsing(
    ids: string[],
    scope: string[] | undefined,
    m: Db = this.dataSource,
  ): Promise<Array<{ id: string; member: string; reference: string; name: string; status: string; applicationId: string; content: Record<string, unknown> }>> {
    if (!ids.length) return [];
    const params: unknown[] = [ids];
    let where = 'aa.application_id = ANY($1::uuid[])';
    if (scope) {
      params.push(scope);
      where += ' AND p.member = ANY($2)';
    }
    const rows = await m.query(
      `SELECT p.id, p.member, p.reference, p.name, p.status, p.content, aa.application_id
         FROM vigie_activity_applications aa JOIN vigie_processing_activities p ON p.id = aa.activity_id
        WHERE ${where} ORDER BY p.member, p.reference`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: String(r.id),
      member: String(r.member),
      reference: String(r.reference),
      name: String(r.name),
      status: String(r.status),
      applicationId: String(r.application_id),
      content: json(r.content),
    }));
  }

  private params(v: ApplicationValues): unknown[] {
    return [
      v.sourceKey,
      v.name,
      v.vendor,
      v.domain,
      v.functions,
      v.hosting,
      v.dataLocation,
      JSON.stringify(v.hosts),
      JSON.stringify(v.dataCategories),
      JSON.stringify(v.dataSubjects),
      v.vendorRole,
      v.dpaReference,
      JSON.stringify(v.securityMeasures),
      v.notes,
      searchTextOf(v),
    ];
  }

  private async setMembers(m: EntityManager, id: string, members: string[]): Promise<void> {
    await m.query('DELETE FROM vigie_application_members WHERE application_id = $1', [id]);
    if (members.length)
      await m.query(
        'INSERT INTO vigie_application_members (application_id, member) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
        [id, members],
      );
  }
}
