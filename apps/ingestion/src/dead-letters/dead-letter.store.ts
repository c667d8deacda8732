import type { DeadLetter } from '@vigie/contracts';
import type { DataSource } from 'typeorm';
import { DeadLetterQuery, pgText, StoredDeadLetter, whereClause } from './dead-letter-query';

const INSERT_CHUNK = 500;
const COLUMNS = 8;

interface Row {
  id: string | number;
  at: Date | string;
  stage: string;
  reason: string;
  detail: string | null;
  raw: string | null;
  member: string | null;
  source: DeadLetter['source'] | string | null;
  origin: DeadLetter['origin'] | string | null;
  replayed_at: Date | string | null;
}

export interface DeadLetterStats {
  stage: string;
  reason: string;
  total: number;
  /** Not yet replayed. */
  pending: number;
  first: string;
  last: string;
}

/**
 * The dead-letter store: `vigie_dead_letters`, through the DataSource with
 * plain SQL (PostgreSQL and PGlite). A dead letter delivered twice (the bus is
 * at-least-once) is kept once: the same stage, time and source is a duplicate.
 */
export class DeadLetterStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the dead letters; returns how many were new. */
  async insert(letters: DeadLetter[]): Promise<number> {
    // Copies within one batch: the NOT EXISTS below only sees rows stored before the statement.
    const seen = new Set<string>();
    letters = letters.filter((l) => {
      if (!l.source) return true;
      const key = `${l.stage}\u0000${l.at}\u0000${JSON.stringify(l.source)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    let inserted = 0;
    for (let i = 0; i < letters.length; i += INSERT_CHUNK) {
      const chunk = letters.slice(i, i + INSERT_CHUNK);
      const params: unknown[] = [];
      const values = chunk.map((l, row) => {
        params.push(
          l.at,
          pgText(l.stage) ?? 'unknown',
          pgText(l.reason) ?? 'unknown',
          pgText(l.detail),
          pgText(l.raw),
          pgText(l.member),
          l.source ? JSON.stringify(l.source).replace(/\\u0000/g, '\\ufffd') : null,
          l.origin ? JSON.stringify(l.origin).replace(/\\u0000/g, '\\ufffd') : null,
        );
        const b = row * COLUMNS;
        return `(coalesce(vigie_try_timestamptz($${b + 1}::text), now()), $${b + 2}::text, $${b + 3}::text, $${b + 4}::text, $${b + 5}::text, $${b + 6}::text, $${b + 7}::jsonb, $${b + 8}::jsonb)`;
      });
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `INSERT INTO vigie_dead_letters (at, stage, reason, detail, raw, member, source, origin)
         SELECT v.at, v.stage, v.reason, v.detail, v.raw, v.member, v.source, v.origin
         FROM (VALUES ${values.join(', ')}) AS v(at, stage, reason, detail, raw, member, source, origin)
         WHERE v.source IS NULL OR NOT EXISTS (
           SELECT 1 FROM vigie_dead_letters d WHERE d.stage = v.stage AND d.at = v.at AND d.source = v.source
         )
         RETURNING id`,
        params,
      );
      inserted += rows.length;
    }
    return inserted;
  }

  async count(query: DeadLetterQuery = {}): Promise<number> {
    const where = whereClause(query);
    const rows: Array<{ n: string | number }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM vigie_dead_letters ${where.sql}`,
      where.params,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Oldest first, by id; page with `afterId`. */
  async list(
    query: DeadLetterQuery = {},
    page: { limit?: number; afterId?: string } = {},
  ): Promise<StoredDeadLetter[]> {
    const limit = Math.min(Math.max(page.limit ?? 100, 1), 10_000);
    const where = whereClause(query);
    const params = where.params;
    let sql = where.sql;
    if (page.afterId !== undefined) {
      params.push(page.afterId);
      sql += `${sql ? ' AND' : 'WHERE'} id > $${params.length}::bigint`;
    }
    params.push(limit);
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, at, stage, reason, detail, raw, member, source, origin, replayed_at
       FROM vigie_dead_letters ${sql} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toStored);
  }

  /** Counts by stage and reason. */
  async stats(query: DeadLetterQuery = {}): Promise<DeadLetterStats[]> {
    const where = whereClause(query);
    const rows: Array<{
      stage: string;
      reason: string;
      total: string;
      pending: string;
      first: Date | string;
      last: Date | string;
    }> = await this.dataSource.query(
      `SELECT stage, reason, count(*) AS total, count(*) FILTER (WHERE replayed_at IS NULL) AS pending,
                min(at) AS first, max(at) AS last
         FROM vigie_dead_letters ${where.sql} GROUP BY stage, reason ORDER BY stage, count(*) DESC, reason`,
      where.params,
    );
    return rows.map((r) => ({
      stage: r.stage,
      reason: r.reason,
      total: Number(r.total),
      pending: Number(r.pending),
      first: iso(r.first)!,
      last: iso(r.last)!,
    }));
  }

  async markReplayed(ids: string[], at: Date = new Date()): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE vigie_dead_letters SET replayed_at = $1::timestamptz WHERE id = ANY($2::bigint[]) AND replayed_at IS NULL`,
      [at.toISOString(), ids],
    );
  }
}

function iso(v: Date | string | null): string | null {
  if (v === null || v === undefined) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

function toStored(r: Row): StoredDeadLetter {
  return {
    id: String(r.id),
    at: iso(r.at)!,
    stage: r.stage,
    reason: r.reason,
    detail: r.detail,
    raw: r.raw,
    member: r.member,
    source: typeof r.source === 'string' ? (JSON.parse(r.source) as DeadLetter['source']) : r.source,
    origin: typeof r.origin === 'string' ? (JSON.parse(r.origin) as DeadLetter['origin']) : r.origin,
    replayedAt: iso(r.replayed_at),
  };
}
