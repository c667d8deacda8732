import { Injectable } from '@nestjs/common';
import { returnedRows } from '@vigie/database';
import { DataSource, EntityManager } from 'typeorm';

export interface Rule {
  id: string;
  title: string;
  kind: 'detection' | 'correlation' | 'filter' | 'unknown';
  level: string | null;
  tags: string[];
  sourcePath: string;
  status: 'ok' | 'unsupported' | 'invalid';
  /** The unsupported feature or the reason the rule is invalid. */
  reason: string | null;
  /** In the inventory of the last detector start (false: the rule file was removed since). */
  loaded: boolean;
  enabled: boolean;
  /** Alerts raised by the rule (new alerts, not their updates). */
  hitCount: number;
  lastHitAt: string | null;
  loadedAt: string;
  updatedAt: string;
}

export interface RuleFilter {
  level?: string;
  status?: string;
  kind?: string;
  tag?: string;
  q?: string;
  enabled?: boolean;
  /** Include the rules no longer loaded (default false). */
  all?: boolean;
  limit: number;
  offset: number;
}

const COLUMNS = `id, title, kind, level, tags, source_path, status, reason, loaded, enabled, hit_count, last_hit_at,
  loaded_at, updated_at`;

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function toRule(r: Record<string, unknown>): Rule {
  return {
    id: String(r.id),
    title: String(r.title),
    kind: r.kind as Rule['kind'],
    level: (r.level as string | null) ?? null,
    tags: (r.tags as string[]) ?? [],
    sourcePath: String(r.source_path),
    status: r.status as Rule['status'],
    reason: (r.reason as string | null) ?? null,
    loaded: Boolean(r.loaded),
    enabled: Boolean(r.enabled),
    hitCount: Number(r.hit_count),
    lastHitAt: iso(r.last_hit_at),
    loadedAt: iso(r.loaded_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** `vigie_rules`: the rule inventory saved by the detectors. Rules are global (no member data). */
@Injectable()
export class RulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private where(f: Omit<RuleFilter, 'limit' | 'offset'>): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (!f.all) clauses.push('loaded = true');
    if (f.level) add('level = ?', f.level);
    if (f.status) add('status = ?', f.status);
    if (f.kind) add('kind = ?', f.kind);
    if (f.tag) add('? = ANY(tags)', f.tag.toLowerCase());
    if (f.enabled !== undefined) add('enabled = ?', f.enabled);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(like);
      const n = `$${params.length}`;
      clauses.push(`(id ILIKE ${n} OR title ILIKE ${n} OR source_path ILIKE ${n})`);
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  async list(f: RuleFilter): Promise<{ total: number; rules: Rule[] }> {
    const { sql, params } = this.where(f);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM vigie_rules ${sql}`, params);
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM vigie_rules ${sql} ORDER BY title, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { total: Number(n), rules: rows.map(toRule) };
  }

  /** Counts per status and disabled, over the loaded rules. */
  async counts(): Promise<Record<'total' | 'ok' | 'unsupported' | 'invalid' | 'disabled', number>> {
    const [r] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
         count(*) FILTER (WHERE status = 'ok')::int AS ok,
         count(*) FILTER (WHERE status = 'unsupported')::int AS unsupported,
         count(*) FILTER (WHERE status = 'invalid')::int AS invalid,
         count(*) FILTER (WHERE enabled = false)::int AS disabled
       FROM vigie_rules WHERE loaded = true`,
    );
    return { total: r.total, ok: r.ok, unsupported: r.unsupported, invalid: r.invalid, disabled: r.disabled };
  }

  async get(id: string, m: EntityManager | DataSource = this.dataSource): Promise<Rule | undefined> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM vigie_rules WHERE id = $1`, [id]);
    return rows[0] ? toRule(rows[0]) : undefined;
  }

  async setEnabled(m: EntityManager, id: string, enabled: boolean): Promise<Rule> {
    const rows = returnedRows(
      await m.query(`UPDATE vigie_rules SET enabled = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [
        id,
        enabled,
      ]),
    );
    return toRule(rows[0]);
  }

  /** Rules that can alert now: loaded, ok, enabled detections and correlations. */
  async active(): Promise<Array<{ id: string; tags: string[] }>> {
    return this.dataSource.query(
      `SELECT id, tags FROM vigie_rules
       WHERE loaded = true AND enabled = true AND status = 'ok' AND kind IN ('detection', 'correlation')
       ORDER BY id`,
    );
  }
}
