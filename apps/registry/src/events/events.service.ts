import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { DayUnit, EventQuery, EventStore, TermBucket } from '@vigie/event-store';
import { EventQueryDto, HistogramDto, SearchEventsDto, TopDto } from './dto/event-query.dto';
import { EventMembersRepository } from './event-members.repository';
import { checkAggregatableField, parseEventQuery } from './event-query';
import { bucketStarts, formatDuration, resolveInterval, resolveWindow, TimeWindow } from './event-time';
import { Clock, EVENTS_CLOCK } from './events.clock';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { storeCall } from './store-errors';

export const DEFAULT_PAGE_SIZE = 50;
export const DEFAULT_TOP_SIZE = 10;
/** `top` without a field: the most active sending hosts. */
export const DEFAULT_TOP_FIELD = 'host.hostname';
/** Retention of a member without a setting (the retention job uses the same). */
export const DEFAULT_RETENTION_DAYS = 365;
const DAY_MS = 86_400_000;

export interface EventSearchResult {
  /** ECS documents, newest first unless `order=asc`. */
  events: Array<Record<string, unknown>>;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  from: string;
  to: string;
  /** Milliseconds spent. */
  took: number;
}

export interface HistogramResult extends TimeWindow {
  interval: string;
  intervalSeconds: number;
  /** Every bucket of the window, epoch-aligned, empty ones with count 0. */
  buckets: Array<{ start: string; count: number }>;
  total: number;
  took: number;
}

export interface TopResult extends TimeWindow {
  field: string;
  buckets: TermBucket[];
  took: number;
}

export interface CountResult extends TimeWindow {
  count: number;
  took: number;
}

export interface MemberRetentionView {
  member: string;
  /** null for events of a member code the registry does not know (e.g. `unattributed`). */
  name: string | null;
  retentionDays: number;
  /** Events before this instant are past retention. */
  cutoff: string;
  /** Oldest and newest UTC day held (`YYYY-MM-DD`), null when nothing is held. */
  oldestDay: string | null;
  newestDay: string | null;
  daysHeld: number;
  /** Days held that are wholly past retention, waiting for the retention job. */
  overdueDays: number;
}

/** Event search and aggregations over the event store, scoped to the caller's members. */
@Injectable()
export class EventsService {
  constructor(
    private readonly store: EventStore,
    private readonly members: EventMembersRepository,
    @Inject(EVENTS_CLOCK) private readonly clock: Clock,
  ) {}

  async search(dto: SearchEventsDto): Promise<EventSearchResult> {
    const started = performance.now();
    const members = this.membersFor(dto.member);
    const cursor = dto.cursor === undefined ? undefined : decodePageCursor(dto.cursor);
    const now = cursor ? new Date(cursor.now) : this.clock();
    const window = cursor ? { from: cursor.from, to: cursor.to } : resolveWindow(dto, now);
    const filter = parseEventQuery(dto.q, now);
    const page = await storeCall(() =>
      this.store.search({
        members,
        ...window,
        ...(filter ? { filter } : {}),
        size: dto.size ?? DEFAULT_PAGE_SIZE,
        order: dto.order ?? 'desc',
        ...(cursor ? { cursor: cursor.store } : {}),
      }),
    );
    return {
      events: page.events.map((e) => e.doc),
      nextCursor: page.nextCursor
        ? encodePageCursor({ store: page.nextCursor, ...window, now: now.toISOString() })
        : null,
      ...window,
      took: elapsed(started),
    };
  }

  async count(dto: EventQueryDto): Promise<CountResult> {
    const started = performance.now();
    const { query, window } = this.query(dto);
    const count = await storeCall(() => this.store.count(query));
    return { count, ...window, took: elapsed(started) };
  }

  async histogram(dto: HistogramDto): Promise<HistogramResult> {
    const started = performance.now();
    const { query, window } = this.query(dto);
    const interval = resolveInterval(dto.interval, window);
    const found = await storeCall(() => this.store.histogram(query, interval));
    const counts = new Map(found.map((b) => [b.start, b.count]));
    const buckets = bucketStarts(window, interval).map((start) => ({ start, count: counts.get(start) ?? 0 }));
    return {
      interval: formatDuration(interval),
      intervalSeconds: interval,
      ...window,
      buckets,
      total: found.reduce((n, b) => n + b.count, 0),
      took: elapsed(started),
    };
  }

  async top(dto: TopDto): Promise<TopResult> {
    const started = performance.now();
    const field = dto.field ?? DEFAULT_TOP_FIELD;
    checkAggregatableField(field);
    const { query, window } = this.query(dto);
    const found = await storeCall(() => this.store.terms(query, field, dto.size ?? DEFAULT_TOP_SIZE));
    // Ties by key as text on every store (a search engine orders ip keys by address, SQL by text).
    const buckets = [...found].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { field, ...window, buckets, took: elapsed(started) };
  }

  /** Per member in scope: the retention setting and the days held. */
  async retention(): Promise<{ members: MemberRetentionView[] }> {
    const scope = memberScope(RequestContext.requirePrincipal());
    const known = await this.members.list(scope);
    const days = new Map<string, DayUnit[]>();
    if (scope === undefined) {
      for (const unit of await storeCall(() => this.store.listDays())) {
        days.set(unit.member, [...(days.get(unit.member) ?? []), unit]);
      }
    } else {
      for (const m of known) days.set(m.code, await storeCall(() => this.store.listDays(m.code)));
    }
    const now = this.clock().getTime();
    const view = (member: string, name: string | null, retentionDays: number): MemberRetentionView => {
      const held = [...(days.get(member) ?? [])].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      const cutoff = now - retentionDays * DAY_MS;
      return {
        member,
        name,
        retentionDays,
        cutoff: new Date(cutoff).toISOString(),
        oldestDay: held[0]?.day ?? null,
        newestDay: held[held.length - 1]?.day ?? null,
        daysHeld: held.length,
        overdueDays: held.filter((u) => Date.parse(`${u.day}T00:00:00Z`) + DAY_MS <= cutoff).length,
      };
    };
    const out = known.map((m) => view(m.code, m.name, m.retentionDays));
    // Events held for member codes without a registry entry (all-member callers only).
    const unknown = [...days.keys()].filter((code) => !known.some((m) => m.code === code)).sort();
    for (const code of unknown) out.push(view(code, null, DEFAULT_RETENTION_DAYS));
    return { members: out };
  }

  /**
   * The members a read covers: the caller's scope, or the one named if it is in
   * scope (404 otherwise, never revealing whether it exists).
   */
  membersFor(member: string | undefined): string[] | undefined {
    const scope = memberScope(RequestContext.requirePrincipal());
    if (member === undefined) return scope;
    if (scope !== undefined && !scope.includes(member)) {
      throw new DomainError('not_found', 'member_not_found', `No member ${member}`);
    }
    return [member];
  }

  private query(dto: EventQueryDto): { query: EventQuery; window: TimeWindow } {
    const members = this.membersFor(dto.member);
    const now = this.clock();
    const window = resolveWindow(dto, now);
    const filter = parseEventQuery(dto.q, now);
    return { query: { members, ...window, ...(filter ? { filter } : {}) }, window };
  }
}

const elapsed = (started: number): number => Math.round(performance.now() - started);
