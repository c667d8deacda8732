import type { Filter } from './filter';

/** An ECS document as stored. `id` is `event.id`; `member` is `organization.id`. */
export interface StoredEvent {
  id: string;
  member: string;
  /** `@timestamp`, ISO 8601. */
  timestamp: string;
  doc: Record<string, unknown>;
  /**
   * `doc` as JSON text, when the caller already holds it (a bus message): an
   * adapter may write it as is instead of serialising `doc` again, when it is
   * the document it would have written.
   */
  json?: string;
}

export interface BulkResult {
  /** Documents acknowledged (created or replaced). */
  written: number;
  /** Documents the store rejected for their content (mapping conflict, say); retrying will not help. */
  rejected: Array<{ id: string; reason: string }>;
}

/** A transient failure: the store is down or pushing back (429, 5xx). Retry later. */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

export interface TimeRange {
  /** Inclusive lower bound, ISO 8601. */
  from?: string;
  /** Exclusive upper bound, ISO 8601. */
  to?: string;
}

export interface EventQuery extends TimeRange {
  /** Restrict to these members (tenancy). `undefined` means all; `[]` means none. */
  members?: string[];
  filter?: Filter;
  /** Free text, matched against `message`. */
  text?: string;
}

export interface SearchRequest extends EventQuery {
  size?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** By `@timestamp` then id; newest first by default. */
  order?: 'asc' | 'desc';
}

export interface SearchPage {
  events: StoredEvent[];
  /** Present when more results may follow. */
  nextCursor?: string;
}

export interface TermBucket {
  key: string;
  count: number;
}

export interface HistogramBucket {
  /** Bucket start, ISO 8601 UTC. */
  start: string;
  count: number;
}

/** One value of a field within one member: how many events carry it, and when it was first and last seen. */
export interface SourceBucket {
  member: string;
  key: string;
  count: number;
  /** Earliest `@timestamp` among those events, ISO 8601 UTC (millisecond precision). */
  firstSeen: string;
  /** Latest `@timestamp`, ISO 8601 UTC (millisecond precision). */
  lastSeen: string;
}

/** A unit of retention: one member's day of events. */
export interface DayUnit {
  member: string;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
}

/**
 * Where normalised events are kept and searched. Adapters: Elasticsearch or
 * OpenSearch (`elasticsearch/`) and PostgreSQL or PGlite (`postgres/`). The same
 * contract suite runs against each.
 */
export abstract class EventStore {
  /** Create templates/mappings or check tables. Idempotent; called at start-up. */
  abstract init(): Promise<void>;
  /** Write with caller-given ids; writing an id again replaces it (idempotent). */
  abstract bulkWrite(events: StoredEvent[]): Promise<BulkResult>;
  abstract search(request: SearchRequest): Promise<SearchPage>;
  abstract count(query: EventQuery): Promise<number>;
  abstract terms(query: EventQuery, field: string, size?: number): Promise<TermBucket[]>;
  /**
   * Per member, each value of `field` (array elements counted once per document) with its event count,
   * first and last `@timestamp`. At most `size` values per member (most events first, then by key);
   * the answer is sorted by member, then key.
   */
  abstract sources(query: EventQuery, field: string, size?: number): Promise<SourceBucket[]>;
  /** Counts per fixed interval (seconds), buckets aligned on the epoch; empty buckets omitted. */
  abstract histogram(query: EventQuery, intervalSeconds: number): Promise<HistogramBucket[]>;
  /** Delete every event in the range (and members, when given). Returns how many were removed. */
  abstract deleteRange(range: TimeRange & { members?: string[] }): Promise<number>;
  /** The member-days held, oldest first. */
  abstract listDays(member?: string): Promise<DayUnit[]>;
  /** Drop whole member-days (an index or a partition slice), never row by row. */
  abstract dropDays(units: DayUnit[]): Promise<void>;
  /** Make acknowledged writes visible to search. */
  abstract refresh(): Promise<void>;
  /** Throws when the store cannot be reached. */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
