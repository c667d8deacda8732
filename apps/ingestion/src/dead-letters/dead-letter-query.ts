import type { DeadLetter } from '@vigie/contracts';

/** What to count or list. Every field narrows the match. */
export interface DeadLetterQuery {
  /** Dead-lettered at or after (ISO 8601 or Date). */
  since?: string | Date;
  /** Dead-lettered before. */
  until?: string | Date;
  stage?: string;
  reason?: string;
  member?: string;
  /** Topic the failed message was read from (`source.topic`). */
  topic?: string;
  /** Substring of the raw payload (case-insensitive). */
  text?: string;
  /** `false`: not yet replayed; `true`: replayed; absent: both. */
  replayed?: boolean;
}

export interface StoredDeadLetter {
  id: string;
  at: string;
  stage: string;
  reason: string;
  detail: string | null;
  raw: string | null;
  member: string | null;
  source: DeadLetter['source'] | null;
  /** How the original message was received, when the stage knew it. */
  origin: DeadLetter['origin'] | null;
  replayedAt: string | null;
}

/** Builds the WHERE clause of a query with positional parameters ($1, $2...). */
export function whereClause(query: DeadLetterQuery, params: unknown[] = []): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (query.since !== undefined) add((p) => `at >= ${p}::timestamptz`, isoOf(query.since, 'since'));
  if (query.until !== undefined) add((p) => `at < ${p}::timestamptz`, isoOf(query.until, 'until'));
  if (query.stage !== undefined) add((p) => `stage = ${p}`, query.stage);
  if (query.reason !== undefined) add((p) => `reason = ${p}`, query.reason);
  if (query.member !== undefined) add((p) => `member = ${p}`, query.member);
  if (query.topic !== undefined) add((p) => `source->>'topic' = ${p}`, query.topic);
  if (query.text !== undefined && query.text !== '') {
    add((p) => `raw ILIKE ${p} ESCAPE '\\'`, `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (query.replayed === true) conditions.push('replayed_at IS NOT NULL');
  if (query.replayed === false) conditions.push('replayed_at IS NULL');
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function isoOf(value: string | Date, name: string): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`${name}: not a date: ${String(value)}`);
  return d.toISOString();
}

/** Text Postgres accepts: no NUL characters (they are replaced by U+FFFD). */
export function pgText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const s = typeof value === 'string' ? value : String(value);
  return s.includes('\u0000') ? s.split('\u0000').join('\uFFFD') : s;
}
