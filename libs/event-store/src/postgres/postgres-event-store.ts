import type { DataSource } from 'typeorm';
import {
  BulkResult,
  DayUnit,
  EventQuery,
  EventStore,
  HistogramBucket,
  SearchPage,
  SearchRequest,
  SourceBucket,
  StoredEvent,
  TermBucket,
  TimeRange,
} from '../event-store';
import { normaliseTimestamp, prepareEvent, PreparedEvent, nextDay } from './prepare-event';
import { isDataError, sqlState, translate } from './postgres-errors';
import { dayTableName, EVENTS_TABLE, memberTableName, quoteIdent, quoteLiteral } from './partition-naming';
import { decodeCursor, encodeCursor } from './sql-cursor';
import { compileFilter, compileText, jsonPath } from './sql-filter.compiler';
import { SqlParams } from './sql-params';
import { sanitiseForJsonb } from './jsonb-sanitiser';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 1000;
const DEFAULT_TERMS = 10;
const MAX_TERMS = 10_000;
const INSERT_CHUNK = 1000;
const DEFAULT_SOURCES = 1000;

/** Partition catalogue row: one leaf (member-day) partition. */
interface LeafRow {
  member_table: string;
  member_bound: string;
  leaf: string;
  day: string;
}

const TS_TEXT = `to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The event store on PostgreSQL (or PGlite). `vigie_events` is partitioned by
 * member, then by UTC day; day partitions are created on demand and dropped
 * whole for retention. Everything goes through `dataSource.query`, one
 * statement at a time, so it never holds a connection while waiting for another
 * (PGlite has only one).
 */
export class PostgresEventStore extends EventStore {
  private schema?: string;
  /** `member|day` of the day partitions known to exist. */
  private readonly days = new Set<string>();
  /** Member code → its partition's table name. */
  private readonly memberTables = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async init(): Promise<void> {
    const rows = await this.query<{ schema: string | null }>(
      `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.oid = to_regclass($1)`,
      [EVENTS_TABLE],
    );
    if (rows.length === 0 || !rows[0]!.schema) {
      throw new Error(`table ${EVENTS_TABLE} is missing: run the database migrations`);
    }
    this.schema = rows[0]!.schema;
    this.days.clear();
    this.memberTables.clear();
    for (const leaf of await this.leaves()) {
      const member = boundMember(leaf.member_bound);
      if (member === undefined) continue;
      this.memberTables.set(member, leaf.member_table);
      this.days.add(`${member}|${leaf.day}`);
    }
  }

  async bulkWrite(events: StoredEvent[]): Promise<BulkResult> {
    const rejected: BulkResult['rejected'] = [];
    const accepted: PreparedEvent[] = [];
    for (const event of events) {
      const outcome = prepareEvent(event);
      if (outcome.ok) accepted.push({ ...outcome.event, doc: sanitiseForJsonb(outcome.event.doc) });
      else rejected.push({ id: outcome.id, reason: outcome.reason });
    }
    if (accepted.length === 0) return { written: 0, rejected };

    // The same key twice in one INSERT ... ON CONFLICT is an error: keep the last.
    const unique = new Map<string, PreparedEvent>();
    for (const e of accepted) {
      const key = `${e.member}\u0000${e.timestamp}\u0000${e.id}`;
      unique.delete(key);
      unique.set(key, e);
    }
    const rows = [...unique.values()];
    await this.ensurePartitions(rows);

    const failed = new Set<string>();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      for (const bad of await this.insertChunk(chunk)) {
        failed.add(bad.id);
        rejected.push(bad);
      }
    }
    const written = accepted.filter((e) => !failed.has(e.id)).length;
    return { written, rejected };
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    const size = clampSize(request.size, DEFAULT_PAGE, MAX_PAGE);
    const params = new SqlParams();
    const where = this.where(request, params);
    if (where === undefined) return { events: [] };
    const desc = (request.order ?? 'desc') === 'desc';
    const conditions = [where];
    if (request.cursor) {
      const k = decodeCursor(request.cursor);
      const ts = normaliseTimestamp(k.ts);
      if (!ts) throw new RangeError('invalid cursor');
      conditions.push(`(ts, id) ${desc ? '<' : '>'} (${params.add(ts, 'timestamptz')}, ${params.add(k.id)})`);
    }
    const dir = desc ? 'DESC' : 'ASC';
    const rows = await this.query<{ id: string; member: string; ts_key: string; doc: unknown }>(
      `SELECT id, member, ${TS_TEXT} AS ts_key, doc FROM ${EVENTS_TABLE}
       WHERE ${conditions.join(' AND ')}
       ORDER BY ts ${dir}, id ${dir}
       LIMIT ${size + 1}`,
      params.values,
    );
    const more = rows.length > size;
    const page = rows.slice(0, size);
    const events = page.map((r) => {
      const doc = parseDoc(r.doc);
      const stamp = doc['@timestamp'];
      return { id: r.id, member: r.member, timestamp: typeof stamp === 'string' ? stamp : r.ts_key, doc };
    });
    const last = page[page.length - 1];
    return more && last ? { events, nextCursor: encodeCursor({ ts: last.ts_key, id: last.id }) } : { events };
  }

  async count(query: EventQuery): Promise<number> {
    const params = new SqlParams();
    const where = this.where(query, params);
    if (where === undefined) return 0;
    const rows = await this.query<{ n: number }>(
      `SELECT count(*)::float8 AS n FROM ${EVENTS_TABLE} WHERE ${where}`,
      params.values,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async terms(query: EventQuery, field: string, size?: number): Promise<TermBucket[]> {
    const limit = clampSize(size, DEFAULT_TERMS, MAX_TERMS);
    const params = new SqlParams();
    const where = this.where(query, params);
    if (where === undefined) return [];
    const sql =
      field === '@timestamp'
        ? `SELECT ${TS_TEXT} AS key, count(*)::float8 AS n FROM ${EVENTS_TABLE} WHERE ${where}
           GROUP BY 1 ORDER BY n DESC, key COLLATE "C" ASC LIMIT ${limit}`
        : `SELECT t.key, count(*)::float8 AS n
           FROM ${EVENTS_TABLE} e
           CROSS JOIN LATERAL (
             SELECT DISTINCT CASE WHEN jsonb_typeof(jv.v) = 'number'
                                  THEN ((jv.v #>> '{}')::numeric)::float8::text
                                  ELSE jv.v #>> '{}' END AS key
             FROM jsonb_path_query(e.doc, ${params.add(jsonPath(field), 'jsonpath')}) AS jv(v)
             WHERE jsonb_typeof(jv.v) IN ('string', 'number', 'boolean')
           ) t
           WHERE ${where}
           GROUP BY t.key ORDER BY n DESC, t.key COLLATE "C" ASC LIMIT ${limit}`;
    const rows = await this.query<{ key: string; n: number }>(sql, params.values);
    return rows.map((r) => ({ key: r.key, count: Number(r.n) }));
  }

  async sources(query: EventQuery, field: string, size?: number): Promise<SourceBucket[]> {
    const limit = clampSize(size, DEFAULT_SOURCES, MAX_TERMS);
    const params = new SqlParams();
    const where = this.where(query, params);
    if (where === undefined) return [];
    const rows = await this.query<{ member: string; key: string; n: number; first_ms: number; last_ms: number }>(
      `SELECT member, key, n, first_ms, last_ms FROM (
         SELECT e.member, t.key, count(*)::float8 AS n,
                floor(extract(epoch FROM min(e.ts)) * 1000)::float8 AS first_ms,
                floor(extract(epoch FROM max(e.ts)) * 1000)::float8 AS last_ms,
                row_number() OVER (PARTITION BY e.member ORDER BY count(*) DESC, t.key COLLATE "C" ASC) AS rank
         FROM ${EVENTS_TABLE} e
         CROSS JOIN LATERAL (
           SELECT DISTINCT CASE WHEN jsonb_typeof(jv.v) = 'number'
                                THEN ((jv.v #>> '{}')::numeric)::float8::text
                                ELSE jv.v #>> '{}' END AS key
           FROM jsonb_path_query(e.doc, ${params.add(jsonPath(field), 'jsonpath')}) AS jv(v)
           WHERE jsonb_typeof(jv.v) IN ('string', 'number', 'boolean')
         ) t
         WHERE ${where}
         GROUP BY e.member, t.key
       ) s WHERE rank <= ${limit}`,
      params.values,
    );
    return rows
      .map((r) => ({
        member: r.member,
        key: r.key,
        count: Number(r.n),
        firstSeen: new Date(Number(r.first_ms)).toISOString(),
        lastSeen: new Date(Number(r.last_ms)).toISOString(),
      }))
      .sort((a, b) => compare(a.member, b.member) || compare(a.key, b.key));
  }

  async histogram(query: EventQuery, intervalSeconds: number): Promise<HistogramBucket[]> {
    if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1) {
      throw new RangeError(`histogram interval must be a positive whole number of seconds, got ${intervalSeconds}`);
    }
    const params = new SqlParams();
    const where = this.where(query, params);
    if (where === undefined) return [];
    const interval = params.add(intervalSeconds, 'float8');
    const rows = await this.query<{ ms: number; n: number }>(
      `SELECT (extract(epoch FROM b) * 1000)::float8 AS ms, count(*)::float8 AS n
       FROM (SELECT date_bin(make_interval(secs => ${interval}), ts, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS b
             FROM ${EVENTS_TABLE} WHERE ${where}) x
       GROUP BY b ORDER BY b`,
      params.values,
    );
    return rows.map((r) => ({ start: new Date(Number(r.ms)).toISOString(), count: Number(r.n) }));
  }

  async deleteRange(range: TimeRange & { members?: string[] }): Promise<number> {
    const params = new SqlParams();
    const where = this.where(range, params);
    if (where === undefined) return 0;
    const rows = await this.query<{ n: number }>(
      `WITH d AS (DELETE FROM ${EVENTS_TABLE} WHERE ${where} RETURNING 1) SELECT count(*)::float8 AS n FROM d`,
      params.values,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async listDays(member?: string): Promise<DayUnit[]> {
    const units: DayUnit[] = [];
    for (const leaf of await this.leaves()) {
      const m = boundMember(leaf.member_bound);
      if (m === undefined || (member !== undefined && m !== member)) continue;
      units.push({ member: m, day: leaf.day });
    }
    return units.sort((a, b) => (a.day === b.day ? compare(a.member, b.member) : compare(a.day, b.day)));
  }

  async dropDays(units: DayUnit[]): Promise<void> {
    if (units.length === 0) return;
    const wanted = new Set(units.map((u) => `${u.member}|${u.day}`));
    for (const leaf of await this.leaves()) {
      const member = boundMember(leaf.member_bound);
      if (member === undefined) continue;
      const key = `${member}|${leaf.day}`;
      if (!wanted.has(key)) continue;
      await this.query(`DROP TABLE IF EXISTS ${this.qualified(leaf.leaf)}`);
      this.days.delete(key);
    }
  }

  async refresh(): Promise<void> {
    // Committed rows are visible at once.
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  /** The DataSource belongs to the caller, who closes it. */
  async close(): Promise<void> {
    this.days.clear();
    this.memberTables.clear();
  }

  // --- writing -------------------------------------------------------------

  /** Inserts the rows; returns those rejected for their content. */
  private async insertChunk(rows: PreparedEvent[]): Promise<BulkResult['rejected']> {
    try {
      await this.insertRows(rows);
      return [];
    } catch (err) {
      if (!isDataError(err) || rows.length === 1) {
        if (rows.length === 1 && isDataError(err)) return [{ id: rows[0]!.id, reason: (err as Error).message }];
        throw translate(err);
      }
    }
    // One bad row fails the statement: find it by writing row by row.
    const rejected: BulkResult['rejected'] = [];
    for (const row of rows) rejected.push(...(await this.insertChunk([row])));
    return rejected;
  }

  private async insertRows(rows: PreparedEvent[], retried = false): Promise<void> {
    const payload = JSON.stringify(
      rows.map((r) => ({ id: r.id, member: r.member, ts: r.timestamp, doc: r.doc, message: messageOf(r.doc) })),
    );
    try {
      await this.dataSource.query(
        `INSERT INTO ${EVENTS_TABLE} (id, member, ts, doc, message)
         SELECT r->>'id', r->>'member', (r->>'ts')::timestamptz, r->'doc', r->>'message'
         FROM jsonb_array_elements($1::jsonb) AS r
         ON CONFLICT (member, ts, id) DO UPDATE SET doc = EXCLUDED.doc, message = EXCLUDED.message`,
        [payload],
      );
    } catch (err) {
      // A day partition dropped by another process since we cached it.
      if (!retried && sqlState(err) === '23514' && /no partition/i.test((err as Error).message)) {
        this.days.clear();
        this.memberTables.clear();
        await this.ensurePartitions(rows);
        return this.insertRows(rows, true);
      }
      throw err;
    }
  }

  private async ensurePartitions(rows: PreparedEvent[]): Promise<void> {
    const missing = new Map<string, { member: string; day: string }>();
    for (const r of rows) {
      const key = `${r.member}|${r.day}`;
      if (!this.days.has(key)) missing.set(key, { member: r.member, day: r.day });
    }
    for (const [key, { member, day }] of missing) {
      const memberTable = await this.memberTable(member);
      const leaf = dayTableName(memberTable, day);
      await this.createRacing(
        `CREATE TABLE IF NOT EXISTS ${this.qualified(leaf)} PARTITION OF ${this.qualified(memberTable)}
         FOR VALUES FROM (${quoteLiteral(`${day} 00:00:00+00`)}) TO (${quoteLiteral(`${nextDay(day)} 00:00:00+00`)})`,
      );
      this.days.add(key);
    }
  }

  /** The member's partition, created when missing. */
  private async memberTable(member: string): Promise<string> {
    const cached = this.memberTables.get(member);
    if (cached) return cached;
    let table = await this.findMemberTable(member);
    if (!table) {
      let name = memberTableName(member);
      const taken = await this.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [this.qualified(name)]);
      if (taken[0]?.t) name = memberTableName(member, true);
      await this.createRacing(
        `CREATE TABLE IF NOT EXISTS ${this.qualified(name)} PARTITION OF ${this.qualified(EVENTS_TABLE)}
         FOR VALUES IN (${quoteLiteral(member)}) PARTITION BY RANGE (ts)`,
      );
      table = await this.findMemberTable(member);
      if (!table) throw new Error(`could not create the partition of ${EVENTS_TABLE} for member ${member}`);
    }
    this.memberTables.set(member, table);
    return table;
  }

  /**
   * Runs a CREATE TABLE that another writer may be running at the same moment:
   * losing the race (the table exists) is fine; a deadlock between the two is retried.
   */
  private async createRacing(sql: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.dataSource.query(sql);
        return;
      } catch (err) {
        if (isCreateRace(err)) return;
        if (sqlState(err) === '40P01' && attempt < 3) {
          await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
          continue;
        }
        throw translate(err);
      }
    }
  }

  private async findMemberTable(member: string): Promise<string | undefined> {
    const rows = await this.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = ${this.regclass()} AND pg_get_expr(c.relpartbound, c.oid) = $1`,
      [`FOR VALUES IN (${quoteLiteral(member)})`],
    );
    return rows[0]?.name;
  }

  // --- reading -------------------------------------------------------------

  /** The WHERE clause for a query, or undefined when it cannot match (`members: []`). */
  private where(query: EventQuery, params: SqlParams): string | undefined {
    const parts: string[] = [];
    if (query.members !== undefined) {
      if (query.members.length === 0) return undefined;
      parts.push(`member IN (${query.members.map((m) => params.add(m)).join(', ')})`);
    }
    if (query.from !== undefined) parts.push(`ts >= ${params.add(timeBound(query.from), 'timestamptz')}`);
    if (query.to !== undefined) parts.push(`ts < ${params.add(timeBound(query.to), 'timestamptz')}`);
    if (query.filter) parts.push(compileFilter(query.filter, params));
    if (query.text !== undefined && query.text.trim() !== '') parts.push(compileText(query.text, false, params));
    return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
  }

  private async leaves(): Promise<LeafRow[]> {
    return this.query<LeafRow>(
      `SELECT m.relname AS member_table, pg_get_expr(m.relpartbound, m.oid) AS member_bound, l.relname AS leaf,
              to_char((substring(pg_get_expr(l.relpartbound, l.oid) FROM 'FROM \\(''([^'']+)''\\)'))::timestamptz
                      AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
       FROM pg_inherits im
       JOIN pg_class m ON m.oid = im.inhrelid
       JOIN pg_inherits il ON il.inhparent = m.oid
       JOIN pg_class l ON l.oid = il.inhrelid
       WHERE im.inhparent = ${this.regclass()}`,
    );
  }

  private regclass(): string {
    return `${quoteLiteral(this.qualified(EVENTS_TABLE))}::regclass`;
  }

  private qualified(table: string): string {
    return this.schema ? `${quoteIdent(this.schema)}.${quoteIdent(table)}` : quoteIdent(table);
  }

  private async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    try {
      return (await this.dataSource.query(sql, params)) as T[];
    } catch (err) {
      throw translate(err);
    }
  }
}

function isCreateRace(err: unknown): boolean {
  // duplicate_table, unique_violation on the catalogue, or an overlapping partition.
  return ['42P07', '23505', '42P17'].includes(sqlState(err) ?? '');
}

function boundMember(bound: string): string | undefined {
  const m = /^FOR VALUES IN \('((?:[^']|'')*)'\)$/.exec(bound);
  return m ? m[1]!.replace(/''/g, "'") : undefined;
}

function messageOf(doc: Record<string, unknown>): string | null {
  const m = doc.message;
  if (typeof m === 'string') return m;
  if (Array.isArray(m)) return m.filter((x) => typeof x === 'string').join('\n') || null;
  return null;
}

function parseDoc(doc: unknown): Record<string, unknown> {
  if (typeof doc === 'string') return JSON.parse(doc) as Record<string, unknown>;
  return (doc ?? {}) as Record<string, unknown>;
}

function timeBound(value: string): string {
  const ts = normaliseTimestamp(value);
  if (!ts) throw new RangeError(`invalid time bound ${JSON.stringify(value)}`);
  return ts;
}

function clampSize(size: number | undefined, fallback: number, max: number): number {
  if (size === undefined || !Number.isFinite(size)) return fallback;
  return Math.max(1, Math.min(max, Math.floor(size)));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
