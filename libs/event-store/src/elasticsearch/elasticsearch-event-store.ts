import { Client, errors, estypes } from '@elastic/elasticsearch';
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
  StoreUnavailableError,
  TermBucket,
  TimeRange,
} from '../event-store';
import { MEMBER_CODE, normaliseTimestamp, prepareEvent, PreparedEvent } from '../postgres/prepare-event';
import { eventsIndexTemplate } from './ecs-index-template';
import { compileQuery, compileText } from './query-dsl.compiler';

export interface ElasticsearchEventStoreOptions {
  client: Client;
  /** Index names start `<indexPrefix>-events-`. */
  indexPrefix: string;
  /** Retries of the items a bulk request answered 429 for, when others went through. */
  maxItemRetries?: number;
  /** First back-off before retrying 429 items, doubled each time. */
  retryDelayMs?: number;
}

const DEFAULT_PAGE = 50;
const MAX_PAGE = 1000;
const DEFAULT_TERMS = 10;
const MAX_TERMS = 10_000;
const DEFAULT_SOURCES = 1000;
/** Members per sources aggregation. */
const MAX_MEMBERS = 1000;
/** Index names per DELETE request, to keep the URL short. */
const DELETE_CHUNK = 50;

type Query = estypes.QueryDslQueryContainer;
/** One document of a bulk request: its action and source lines, NDJSON. */
type BulkPair = { id: string; lines: string };
/** What a bulk response item holds once filtered by {@link BULK_FILTER}. */
type BulkItem = Partial<Record<string, { status?: number; error?: estypes.ErrorCause }>>;
/** Only what `bulkWrite` reads from a bulk response: a 5,000-item answer shrinks to its statuses. */
const BULK_FILTER = ['errors', 'items.*.status', 'items.*.error'];

/**
 * The event store on Elasticsearch 8 or OpenSearch 2: one index per member per
 * UTC day (`<prefix>-events-<member>-YYYY.MM.DD`), so retention drops whole
 * indices. Queries are scoped both by index pattern and by `organization.id`.
 */
export class ElasticsearchEventStore extends EventStore {
  private readonly client: Client;
  private readonly prefix: string;
  private readonly maxItemRetries: number;
  private readonly retryDelayMs: number;

  constructor(options: ElasticsearchEventStoreOptions) {
    super();
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(options.indexPrefix)) {
      throw new Error(`invalid index prefix ${JSON.stringify(options.indexPrefix)}`);
    }
    this.client = options.client;
    this.prefix = options.indexPrefix;
    this.maxItemRetries = options.maxItemRetries ?? 4;
    this.retryDelayMs = options.retryDelayMs ?? 200;
  }

  async init(): Promise<void> {
    await this.call(() => this.client.indices.putIndexTemplate(eventsIndexTemplate(this.prefix)));
  }

  async bulkWrite(events: StoredEvent[]): Promise<BulkResult> {
    const rejected: BulkResult['rejected'] = [];
    let pending: BulkPair[] = [];
    const indices = new Map<string, string>();
    for (const event of events) {
      const outcome = prepareEvent(event);
      if (!outcome.ok) rejected.push({ id: outcome.id, reason: outcome.reason });
      else pending.push(this.pair(outcome.event, event, indices));
    }
    let written = 0;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const body = pending.map((p) => p.lines).join('');
      // The body is NDJSON text already: the client sends a string as is.
      const res = await this.call(() =>
        this.client.bulk({ operations: body as unknown as estypes.BulkOperationContainer[], filter_path: BULK_FILTER }),
      );
      const throttled: BulkPair[] = [];
      let serverError: { status: number; reason: string } | undefined;
      const items = (res.items ?? []) as BulkItem[];
      if (items.length !== pending.length) {
        throw new StoreUnavailableError(`bulk answered ${items.length} items for ${pending.length} documents`);
      }
      items.forEach((item, i) => {
        const result = item.index ?? Object.values(item)[0];
        const pair = pending[i]!;
        const status = result?.status ?? 500;
        if (status < 300 && !result?.error) written++;
        else if (status === 429) throttled.push(pair);
        else if (status >= 500) serverError ??= { status, reason: errorReason(result?.error) };
        else rejected.push({ id: pair.id, reason: errorReason(result?.error) });
      });
      if (serverError) {
        throw new StoreUnavailableError(
          `bulk item failed with ${serverError.status}: ${serverError.reason}`,
          serverError.status,
        );
      }
      if (throttled.length === 0) break;
      if ((attempt === 0 && throttled.length === pending.length) || attempt >= this.maxItemRetries) {
        throw new StoreUnavailableError(`${throttled.length} bulk items rejected with 429 (too many requests)`, 429);
      }
      await sleep(this.retryDelayMs * 2 ** attempt);
      pending = throttled;
    }
    return { written, rejected };
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    const size = clamp(request.size, DEFAULT_PAGE, MAX_PAGE);
    const index = this.indexFor(request.members);
    if (index === undefined) return { events: [] };
    const order = request.order ?? 'desc';
    const res = await this.call(() =>
      this.client.search<Record<string, unknown>>({
        index,
        ignore_unavailable: true,
        allow_no_indices: true,
        size: size + 1,
        track_total_hits: false,
        query: this.query(request),
        sort: [{ '@timestamp': { order, unmapped_type: 'date' } }, { 'event.id': { order, unmapped_type: 'keyword' } }],
        ...(request.cursor ? { search_after: decodeCursor(request.cursor) } : {}),
      }),
    );
    const hits = res.hits.hits;
    const page = hits.slice(0, size);
    const events = page.map((hit) => {
      const doc = hit._source ?? {};
      const organization = doc.organization as { id?: unknown } | undefined;
      const stamp = doc['@timestamp'];
      return {
        id: hit._id ?? '',
        member: typeof organization?.id === 'string' ? organization.id : (this.memberOfIndex(hit._index) ?? ''),
        timestamp: typeof stamp === 'string' ? stamp : '',
        doc,
      };
    });
    const last = page[page.length - 1];
    return hits.length > size && last?.sort ? { events, nextCursor: encodeCursor(last.sort) } : { events };
  }

  /** Runs aggregations over the events matching `query`; undefined when the scope holds no member. */
  private async aggregate(
    query: EventQuery,
    aggs: Record<string, estypes.AggregationsAggregationContainer>,
  ): Promise<Record<string, unknown> | undefined> {
    const index = this.indexFor(query.members);
    if (index === undefined) return undefined;
    const res = await this.call(() =>
      this.client.search({
        index,
        ignore_unavailable: true,
        allow_no_indices: true,
        size: 0,
        track_total_hits: false,
        query: this.query(query),
        aggs,
      }),
    );
    return res.aggregations as Record<string, unknown> | undefined;
  }

  async count(query: EventQuery): Promise<number> {
    const index = this.indexFor(query.members);
    if (index === undefined) return 0;
    const res = await this.call(() =>
      this.client.count({ index, ignore_unavailable: true, allow_no_indices: true, query: this.query(query) }),
    );
    return res.count;
  }

  async terms(query: EventQuery, field: string, size?: number): Promise<TermBucket[]> {
    const aggregations = await this.aggregate(query, {
      t: {
        terms: { field, size: clamp(size, DEFAULT_TERMS, MAX_TERMS), order: [{ _count: 'desc' }, { _key: 'asc' }] },
      },
    });
    const agg = aggregations?.t as { buckets?: Array<{ key: unknown; key_as_string?: string; doc_count: number }> };
    return (agg?.buckets ?? []).map((b) => ({ key: b.key_as_string ?? String(b.key), count: b.doc_count }));
  }

  async sources(query: EventQuery, field: string, size?: number): Promise<SourceBucket[]> {
    const aggregations = await this.aggregate(query, {
      m: {
        terms: { field: 'organization.id', size: MAX_MEMBERS, order: [{ _key: 'asc' }] },
        aggs: {
          k: {
            terms: {
              field,
              size: clamp(size, DEFAULT_SOURCES, MAX_TERMS),
              order: [{ _count: 'desc' }, { _key: 'asc' }],
            },
            aggs: { first: { min: { field: '@timestamp' } }, last: { max: { field: '@timestamp' } } },
          },
        },
      },
    });
    type Stat = { value: number | null };
    type KeyBucket = { key: unknown; key_as_string?: string; doc_count: number; first: Stat; last: Stat };
    const members = aggregations?.m as { buckets?: Array<{ key: string; k: { buckets: KeyBucket[] } }> };
    const out: SourceBucket[] = [];
    for (const m of members?.buckets ?? []) {
      for (const b of m.k.buckets) {
        if (b.first.value === null || b.last.value === null) continue;
        out.push({
          member: String(m.key),
          key: b.key_as_string ?? String(b.key),
          count: b.doc_count,
          firstSeen: new Date(b.first.value).toISOString(),
          lastSeen: new Date(b.last.value).toISOString(),
        });
      }
    }
    return out.sort((a, b) => compare(a.member, b.member) || compare(a.key, b.key));
  }

  async histogram(query: EventQuery, intervalSeconds: number): Promise<HistogramBucket[]> {
    if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1) {
      throw new RangeError(`histogram interval must be a positive whole number of seconds, got ${intervalSeconds}`);
    }
    const aggregations = await this.aggregate(query, {
      h: { date_histogram: { field: '@timestamp', fixed_interval: `${intervalSeconds}s`, min_doc_count: 1 } },
    });
    const agg = aggregations?.h as { buckets?: Array<{ key: number; doc_count: number }> };
    return (agg?.buckets ?? [])
      .filter((b) => b.doc_count > 0)
      .map((b) => ({ start: new Date(b.key).toISOString(), count: b.doc_count }));
  }

  async deleteRange(range: TimeRange & { members?: string[] }): Promise<number> {
    const index = this.indexFor(range.members);
    if (index === undefined) return 0;
    const res = await this.call(() =>
      this.client.deleteByQuery({
        index,
        ignore_unavailable: true,
        allow_no_indices: true,
        refresh: true,
        conflicts: 'proceed',
        query: this.query(range),
      }),
    );
    return res.deleted ?? 0;
  }

  async listDays(member?: string): Promise<DayUnit[]> {
    if (member !== undefined && !MEMBER_CODE.test(member)) return [];
    const pattern = member === undefined ? `${this.prefix}-events-*` : `${this.prefix}-events-${member}-*`;
    const rows = await this.call(() =>
      this.client.cat.indices({ index: pattern, format: 'json', h: 'index', expand_wildcards: 'open' }),
    );
    const units: DayUnit[] = [];
    for (const row of rows) {
      const unit = row.index ? this.unitOfIndex(row.index) : undefined;
      if (unit && (member === undefined || unit.member === member)) units.push(unit);
    }
    return units.sort((a, b) => (a.day === b.day ? compare(a.member, b.member) : compare(a.day, b.day)));
  }

  async dropDays(units: DayUnit[]): Promise<void> {
    const names = [
      ...new Set(
        units
          .filter((u) => MEMBER_CODE.test(u.member) && /^\d{4}-\d{2}-\d{2}$/.test(u.day))
          .map((u) => this.indexName(u.member, u.day)),
      ),
    ];
    for (let i = 0; i < names.length; i += DELETE_CHUNK) {
      const chunk = names.slice(i, i + DELETE_CHUNK);
      await this.call(() =>
        this.client.indices.delete({ index: chunk, ignore_unavailable: true, allow_no_indices: true }),
      );
    }
  }

  async refresh(): Promise<void> {
    await this.call(() =>
      this.client.indices.refresh({
        index: `${this.prefix}-events-*`,
        ignore_unavailable: true,
        allow_no_indices: true,
      }),
    );
  }

  async ping(): Promise<void> {
    const ok = await this.call(() => this.client.ping());
    if (!ok) throw new StoreUnavailableError('search cluster did not answer ping');
  }

  /** Closes the client, which this store owns from construction on. */
  async close(): Promise<void> {
    await this.client.close();
  }

  // -------------------------------------------------------------------------

  /**
   * The bulk lines of a prepared event. The caller's JSON text is sent as is
   * when it is the prepared document (same `@timestamp`, `event.id` and
   * `organization.id`, on one line); otherwise the prepared document is serialised.
   */
  private pair(e: PreparedEvent, original: StoredEvent, indices: Map<string, string>): BulkPair {
    const key = `${e.member}/${e.day}`;
    let index = indices.get(key);
    if (index === undefined) indices.set(key, (index = JSON.stringify(this.indexName(e.member, e.day))));
    const json = original.json;
    const doc = original.doc as { '@timestamp'?: unknown; event?: { id?: unknown }; organization?: { id?: unknown } };
    const source =
      json !== undefined &&
      doc['@timestamp'] === e.timestamp &&
      doc.event?.id === e.id &&
      doc.organization?.id === e.member &&
      !json.includes('\n')
        ? json
        : JSON.stringify(e.doc);
    return { id: e.id, lines: `{"index":{"_index":${index},"_id":${JSON.stringify(e.id)}}}\n${source}\n` };
  }

  indexName(member: string, day: string): string {
    return `${this.prefix}-events-${member}-${day.replace(/-/g, '.')}`;
  }

  private unitOfIndex(index: string): DayUnit | undefined {
    const head = `${this.prefix}-events-`;
    if (!index.startsWith(head)) return undefined;
    const m = /^(.+)-(\d{4})\.(\d{2})\.(\d{2})$/.exec(index.slice(head.length));
    if (!m || !MEMBER_CODE.test(m[1]!)) return undefined;
    return { member: m[1]!, day: `${m[2]}-${m[3]}-${m[4]}` };
  }

  private memberOfIndex(index: string | undefined): string | undefined {
    return index ? this.unitOfIndex(index)?.member : undefined;
  }

  /** Index expression for the members; undefined when nothing can match. */
  private indexFor(members: string[] | undefined): string[] | undefined {
    if (members === undefined) return [`${this.prefix}-events-*`];
    const valid = [...new Set(members.filter((m) => MEMBER_CODE.test(m)))];
    if (valid.length === 0) return undefined;
    return valid.map((m) => `${this.prefix}-events-${m}-*`);
  }

  private query(q: EventQuery): Query {
    const filter: Query[] = [];
    // The index pattern of member `a` also matches `a-b`'s indices: the term keeps tenancy exact.
    if (q.members !== undefined) filter.push({ terms: { 'organization.id': q.members } });
    if (q.from !== undefined || q.to !== undefined) {
      const range: Record<string, string> = {};
      if (q.from !== undefined) range.gte = timeBound(q.from);
      if (q.to !== undefined) range.lt = timeBound(q.to);
      filter.push({ range: { '@timestamp': range } });
    }
    if (q.filter) filter.push(compileQuery(q.filter));
    if (q.text !== undefined && q.text.trim() !== '') filter.push(compileText(q.text));
    return filter.length === 0 ? { match_all: {} } : { bool: { filter } };
  }

  /** Runs a client call, turning connection failures, 429 and 5xx into {@link StoreUnavailableError}. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw translate(err);
    }
  }
}

function translate(err: unknown): Error {
  if (err instanceof StoreUnavailableError) return err;
  if (
    err instanceof errors.ConnectionError ||
    err instanceof errors.TimeoutError ||
    err instanceof errors.NoLivingConnectionsError
  ) {
    return new StoreUnavailableError(`search cluster unavailable: ${err.message}`);
  }
  if (err instanceof errors.ResponseError) {
    const status = err.statusCode ?? 0;
    if (status === 429 || status >= 500) {
      return new StoreUnavailableError(`search cluster answered ${status}: ${err.message}`, status);
    }
  }
  return err instanceof Error ? err : new Error(String(err));
}

function errorReason(error: estypes.ErrorCause | undefined): string {
  if (!error) return 'unknown error';
  const cause = error.caused_by ? ` (${error.caused_by.type}: ${error.caused_by.reason ?? ''})` : '';
  return `${error.type}: ${error.reason ?? ''}${cause}`;
}

function encodeCursor(sort: estypes.SortResults): string {
  return Buffer.from(JSON.stringify(sort), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): estypes.SortResults {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new RangeError('invalid cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new RangeError('invalid cursor');
  return parsed as estypes.SortResults;
}

function timeBound(value: string): string {
  const ts = normaliseTimestamp(value);
  if (!ts) throw new RangeError(`invalid time bound ${JSON.stringify(value)}`);
  return ts;
}

function clamp(size: number | undefined, fallback: number, max: number): number {
  if (size === undefined || !Number.isFinite(size)) return fallback;
  return Math.max(1, Math.min(max, Math.floor(size)));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
