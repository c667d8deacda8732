import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { EventStore, Filter, not, StoredEvent, term } from '@vigie/event-store';
import { logger } from '@vigie/observability';
import { AlertStatus, checkTransition, isCloseReason, statusTimestamps } from '@vigie/triage';
import { DataSource, EntityManager } from 'typeorm';
import { storeCall } from '../events/store-errors';
import { SigmaFilterSettings } from '../exceptions/sigma-filter.settings';
import { AlertIndexer } from './alert-indexer';
import { AlertMetrics } from './alert-metrics';
import { Alert, AlertHistoryEntry } from './alert.types';
import { AlertFilter } from './alert-filter';
import { AlertPage, AlertsRepository, HistoryInput } from './alerts.repository';
import { AlertQueryDto } from './dto/alert-query.dto';
import { BulkAlertsDto, UpdateAlertDto } from './dto/update-alert.dto';

export interface AlertDetail extends Alert {
  history: AlertHistoryEntry[];
  /** The first page of {@link RelatedEventsPage} items. */
  relatedEvents: StoredEvent[];
  /** Cursor of the next page (`GET /api/v1/alerts/:id/events?cursor=`), null when there is none. */
  relatedEventsNextCursor: string | null;
  /** Set when the event store could not be searched (the alert itself is still returned). */
  relatedEventsError?: string;
}

export interface BulkResult {
  matched: number;
  updated: number;
  unchanged: number;
  failed: Array<{ id: string; code: string; message: string }>;
}

/** A page of an alert's related events and how they were searched. */
export interface RelatedEventsPage {
  items: StoredEvent[];
  nextCursor?: string;
  /** The search window: first and last seen, five minutes either side. */
  from: string;
  to: string;
  /** ECS fields the group values were searched on. */
  groupFields: string[];
  sampleEventIds: string[];
}

const RELATED_MARGIN_MS = 5 * 60_000;
const RELATED_FIRST_PAGE = 100;
const RELATED_MAX_PAGE = 200;
const notFound = (id: string) => new DomainError('not_found', 'alert_not_found', `No alert ${id}`);

/** The triage queue: reads scoped by member, every change in the alert's history and the audit trail. */
@Injectable()
export class AlertsService {
  private readonly log = logger('AlertsService');

  constructor(
    private readonly repo: AlertsRepository,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly store: EventStore,
    private readonly indexer: AlertIndexer,
    private readonly metrics: AlertMetrics,
    private readonly sigma: SigmaFilterSettings,
  ) {}

  private scope(): string[] | undefined {
    return memberScope(RequestContext.requirePrincipal());
  }

  async list(q: AlertQueryDto): Promise<AlertPage & { limit: number; offset: number }> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const filter: AlertFilter = {
      status: q.status,
      level: q.level,
      rule: q.rule,
      member: q.member,
      assignee: q.assignee && q.assignee !== 'none' ? q.assignee : undefined,
      unassigned: q.assignee === 'none',
      application: q.application,
      personalData: q.personalData,
      from: q.from,
      to: q.to,
      text: q.q,
      tag: q.tag,
    };
    return { ...(await this.repo.list(filter, this.scope(), limit, offset)), limit, offset };
  }

  async get(id: string): Promise<AlertDetail> {
    const scope = this.scope();
    const alert = await this.repo.get(id, scope);
    if (!alert) throw notFound(id);
    const history = await this.repo.history(alert.id);
    try {
      const page = await this.related(alert, scope, { limit: RELATED_FIRST_PAGE });
      return { ...alert, history, relatedEvents: page.items, relatedEventsNextCursor: page.nextCursor ?? null };
    } catch (e) {
      this.log.warn({ alert: id, error: (e as Error).message }, 'related events unavailable');
      return {
        ...alert,
        history,
        relatedEvents: [],
        relatedEventsNextCursor: null,
        relatedEventsError: 'the event store could not be searched',
      };
    }
  }

  /**
   * A page of the alert's related events (oldest first), for the detail's events table. What the store says of the
   * request becomes an API error: a cursor that is not one of its own → 400 `invalid_cursor` (field `cursor`), the
   * store down → 503.
   */
  async events(id: string, q: { limit?: number; cursor?: string }): Promise<RelatedEventsPage> {
    const scope = this.scope();
    const alert = await this.repo.get(id, scope);
    if (!alert) throw notFound(id);
    return storeCall(() => this.related(alert, scope, { limit: q.limit ?? 50, cursor: q.cursor }));
  }

  /**
   * Events of the alert, from the event store: its sample events by id, or the events carrying its group values
   * (group-by names resolved to ECS paths through the Sigma field mapping, e.g. `Hostname` → `host.name` or
   * `host.hostname`), within its time window widened by five minutes on each side; the alert documents indexed
   * next to the events are left out. Oldest first, in pages. Only the members of the alert in the caller's scope
   * are searched.
   */
  private async related(
    alert: Alert,
    scope: string[] | undefined,
    page: { limit: number; cursor?: string },
  ): Promise<RelatedEventsPage> {
    const members = scope ? alert.members.filter((m) => scope.includes(m)) : alert.members;
    const window = {
      from: new Date(Date.parse(alert.firstSeen) - RELATED_MARGIN_MS).toISOString(),
      to: new Date(Date.parse(alert.lastSeen) + RELATED_MARGIN_MS + 1).toISOString(),
    };
    const groupFields: string[] = [];
    const group: Filter[] = [];
    for (const [name, value] of Object.entries(alert.groupValues)) {
      if (name === 'organization.id' || value === '') continue;
      const paths = this.sigma.ecsFields(name).filter((p) => p.includes('.'));
      if (!paths.length) continue;
      groupFields.push(...paths);
      group.push(paths.length === 1 ? term(paths[0], value) : { op: 'or', filters: paths.map((p) => term(p, value)) });
    }
    const base = { sampleEventIds: alert.sampleEventIds, groupFields, ...window };
    const anyOf: Filter[] = [];
    if (alert.sampleEventIds.length) anyOf.push({ op: 'terms', field: 'event.id', values: alert.sampleEventIds });
    if (group.length) anyOf.push(group.length === 1 ? group[0] : { op: 'and', filters: group });
    if (!members.length || !anyOf.length) return { items: [], ...base };
    const result = await this.store.search({
      members,
      ...window,
      filter: {
        op: 'and',
        filters: [anyOf.length === 1 ? anyOf[0] : { op: 'or', filters: anyOf }, not(term('event.kind', 'alert'))],
      },
      size: Math.min(Math.max(page.limit, 1), RELATED_MAX_PAGE),
      cursor: page.cursor,
      order: 'asc',
    });
    return { items: result.events, ...(result.nextCursor ? { nextCursor: result.nextCursor } : {}), ...base };
  }

  async update(id: string, dto: UpdateAlertDto): Promise<Alert> {
    const result = await this.dataSource.transaction((m) => this.change(m, id, dto));
    this.observe(result.before, result.after);
    if (result.changed) await this.indexer.indexQuietly([id]);
    return result.after;
  }

  async comment(id: string, text: string): Promise<AlertHistoryEntry> {
    const p = RequestContext.requirePrincipal();
    return this.dataSource.transaction(async (m) => {
      const alert = await this.repo.get(id, memberScope(p), m, true);
      if (!alert) throw notFound(id);
      await this.repo.addHistory(m, alert.id, { actor: p.name, action: 'commented', comment: text.trim() });
      await m.query('UPDATE vigie_alerts SET updated_at = now() WHERE id = $1', [alert.id]);
      await this.audit.record(
        {
          action: 'alert.commented',
          entityType: 'alert',
          entityId: alert.id,
          member: alert.member,
          details: { comment: text.trim() },
        },
        m,
      );
      const history = await this.repo.history(alert.id, m);
      return history[history.length - 1];
    });
  }

  async bulk(dto: BulkAlertsDto): Promise<BulkResult> {
    const hasIds = dto.ids !== undefined;
    const hasFilter = dto.filter !== undefined;
    if (hasIds === hasFilter)
      throw new DomainError('unprocessable', 'bulk_target', 'Give either ids or a filter', [
        { field: hasIds ? 'filter' : 'ids', problem: 'give exactly one of ids and filter' },
      ]);
    const f = dto.filter;
    if (f && ![f.status, f.level, f.rule, f.member].some((x) => x && x.length))
      throw new DomainError('unprocessable', 'bulk_filter_empty', 'The filter selects nothing in particular', [
        { field: 'filter', problem: 'name at least one of status, level, rule, member' },
      ]);
    const ids = hasIds
      ? [...new Set(dto.ids)]
      : await this.repo.ids(
          { status: f!.status, level: f!.level, rule: f!.rule, member: f!.member },
          this.scope(),
          1000,
        );
    const out: BulkResult = { matched: ids.length, updated: 0, unchanged: 0, failed: [] };
    const changed: string[] = [];
    for (const id of ids) {
      try {
        const r = await this.dataSource.transaction((m) => this.change(m, id, dto.change, { bulk: true }));
        this.observe(r.before, r.after);
        if (r.changed) {
          out.updated++;
          changed.push(id);
        } else out.unchanged++;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        out.failed.push({ id, code: e.code, message: e.message });
      }
    }
    await this.indexer.indexQuietly(changed);
    return out;
  }

  /** Metrics of a status change, once committed. */
  private observe(before: Alert, after: Alert): void {
    const level = after.rule.level;
    if (!before.acknowledgedAt && after.acknowledgedAt)
      this.metrics.timeToAcknowledge.observe(
        { level },
        (Date.parse(after.acknowledgedAt) - Date.parse(after.createdAt)) / 1000,
      );
    if (before.status !== 'closed' && after.status === 'closed' && after.closedAt) {
      this.metrics.timeToClose.observe({ level }, (Date.parse(after.closedAt) - Date.parse(after.createdAt)) / 1000);
      this.metrics.closed.inc({ rule: after.rule.id, reason: after.closeReason ?? 'other' });
    }
  }

  /** Apply a change to one alert inside a transaction: checks, columns, one history entry per field, audit. */
  async change(
    m: EntityManager,
    id: string,
    dto: UpdateAlertDto,
    opts: { bulk?: boolean } = {},
  ): Promise<{ before: Alert; after: Alert; changed: boolean }> {
    const p = RequestContext.requirePrincipal();
    const before = await this.repo.get(id, memberScope(p), m, true);
    if (!before) throw notFound(id);
    const now = new Date().toISOString();
    const comment = dto.comment?.trim() || null;
    const cols: Record<string, unknown> = {};
    const history: HistoryInput[] = [];

    const to = dto.status as AlertStatus | undefined;
    if (to !== undefined && to !== before.status) {
      const problems = checkTransition({
        from: before.status,
        to,
        closeReason: dto.closeReason,
        comment: comment ?? '',
      });
      if (problems.length)
        throw new DomainError(
          'unprocessable',
          problems[0].code,
          problems.map((x) => x.message).join('; '),
          problems.map((x) => ({ field: x.field, problem: x.message })),
        );
      const ts = statusTimestamps(before, to, now);
      Object.assign(cols, { status: to, acknowledged_at: ts.acknowledgedAt, closed_at: ts.closedAt });
      if (to === 'closed') Object.assign(cols, { close_reason: dto.closeReason, close_comment: comment });
      else Object.assign(cols, { close_reason: null, close_comment: null });
      history.push({
        actor: p.name,
        action: to === 'closed' ? 'closed' : before.status === 'closed' ? 'reopened' : 'status',
        field: 'status',
        from: before.status,
        to,
        comment: to === 'closed' ? `${dto.closeReason}: ${comment}` : comment,
      });
    } else if (dto.closeReason !== undefined && dto.closeReason !== before.closeReason) {
      if (before.status !== 'closed' || !isCloseReason(dto.closeReason))
        throw new DomainError(
          'unprocessable',
          before.status !== 'closed' ? 'not_closed' : 'invalid_close_reason',
          before.status !== 'closed' ? 'A close reason is given when closing' : 'Unknown close reason',
          [{ field: 'closeReason', problem: before.status !== 'closed' ? 'set status closed too' : 'unknown reason' }],
        );
      if (!comment)
        throw new DomainError('unprocessable', 'comment_required', 'Changing the close reason needs a comment', [
          { field: 'comment', problem: 'required' },
        ]);
      cols.close_reason = dto.closeReason;
      history.push({
        actor: p.name,
        action: 'close_reason',
        field: 'closeReason',
        from: before.closeReason,
        to: dto.closeReason,
        comment,
      });
    }

    if (dto.assignee !== undefined && dto.assignee !== before.assignee) {
      if (dto.assignee !== null) {
        const users = await m.query('SELECT 1 FROM vigie_users WHERE username = $1 AND NOT disabled', [dto.assignee]);
        if (!users.length)
          throw new DomainError('unprocessable', 'unknown_assignee', `No active user ${dto.assignee}`, [
            { field: 'assignee', problem: 'unknown or disabled user' },
          ]);
      }
      cols.assignee = dto.assignee;
      history.push({
        actor: p.name,
        action: 'assignee',
        field: 'assignee',
        from: before.assignee,
        to: dto.assignee,
        comment,
      });
    }

    if (dto.tags !== undefined || dto.addTags?.length || dto.removeTags?.length) {
      const remove = new Set(dto.removeTags ?? []);
      const tags = [...new Set([...(dto.tags ?? before.tags), ...(dto.addTags ?? [])])]
        .filter((t) => !remove.has(t))
        .sort();
      if (tags.join('\n') !== [...before.tags].sort().join('\n')) {
        cols.tags = tags;
        history.push({
          actor: p.name,
          action: 'tags',
          field: 'tags',
          from: before.tags.join(', '),
          to: tags.join(', '),
          comment,
        });
      }
    }

    if (!history.length && comment) history.push({ actor: p.name, action: 'commented', comment });
    if (!history.length) return { before, after: before, changed: false };

    const after = Object.keys(cols).length ? await this.repo.set(m, before.id, cols) : before;
    for (const h of history) await this.repo.addHistory(m, before.id, h);
    await this.audit.record(
      {
        action: after.status === 'closed' && before.status !== 'closed' ? 'alert.closed' : 'alert.updated',
        entityType: 'alert',
        entityId: before.id,
        member: before.member,
        before,
        after,
        ...(opts.bulk || comment
          ? { details: { ...(opts.bulk ? { bulk: true } : {}), ...(comment ? { comment } : {}) } }
          : {}),
      },
      m,
    );
    return { before, after, changed: true };
  }
}
