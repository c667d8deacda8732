import type { AlertLevel, AlertMessage } from '@vigie/contracts';
import type { CorrelationAlert, EcsEvent, MatchOutput, RuleMeta } from '@vigie/sigma';
import { LruMap } from './lru-map';

const LEVELS = new Set<AlertLevel>(['informational', 'low', 'medium', 'high', 'critical']);

interface AlertState {
  members: Set<string>;
  application?: { id?: string; name?: string };
  personalData?: boolean;
}

function pick(event: EcsEvent, path: string[]): unknown {
  let cur: unknown = event;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  return undefined;
}

/** Member code of an event (`organization.id`). */
export function memberOf(event: EcsEvent): string | undefined {
  return str(pick(event, ['organization', 'id']));
}

/** The host an event is about: host.name, host.hostname, the observer's name or the sender address. */
export function hostOf(event: EcsEvent): string | undefined {
  return (
    str(pick(event, ['host', 'name'])) ??
    str(pick(event, ['host', 'hostname'])) ??
    str(pick(event, ['observer', 'name'])) ??
    str(pick(event, ['observer', 'hostname'])) ??
    str(pick(event, ['host', 'ip']))
  );
}

function enrichmentOf(event: EcsEvent): Pick<AlertState, 'application' | 'personalData'> {
  const app = pick(event, ['vigie', 'application']) as { id?: unknown; name?: unknown } | undefined;
  const personal = pick(event, ['vigie', 'personal_data']);
  const application = app && (str(app.id) || str(app.name)) ? { id: str(app.id), name: str(app.name) } : undefined;
  return { application, personalData: typeof personal === 'boolean' ? personal : undefined };
}

export function ruleRef(rule: RuleMeta): AlertMessage['rule'] {
  const level = (rule.level ?? 'medium') as AlertLevel;
  return {
    id: rule.id ?? rule.name ?? rule.title,
    title: rule.title,
    level: LEVELS.has(level) ? level : 'medium',
    tags: rule.tags.map((t) => t.toLowerCase()),
  };
}

/** Bus key of an alert message: one alert's new and update messages land on the same partition, in order. */
export function alertBusKey(alert: AlertMessage): string {
  return `${alert.rule.id}|${alert.groupKey}`;
}

/**
 * Turns engine outputs into {@link AlertMessage}s. Keeps, in bounded LRU maps, the member of recently matched
 * events and the members/enrichment of open alerts, so that a correlation alert lists every member whose events
 * it contains (including the events that preceded the `new` output, through its sample ids).
 */
export class AlertBuilder {
  private readonly eventMembers: LruMap<string, string>;
  private readonly alerts: LruMap<string, AlertState>;

  constructor(
    private readonly now: () => number = Date.now,
    capacity = 100_000,
  ) {
    this.eventMembers = new LruMap(capacity);
    this.alerts = new LruMap(capacity);
  }

  /** Remember the member of an event that matched a rule (called before its outputs are built). */
  noteEvent(eventId: string | undefined, event: EcsEvent): void {
    const member = memberOf(event);
    if (eventId !== undefined && member !== undefined) this.eventMembers.set(eventId, member);
  }

  /**
   * Remember the members of an inner correlation alert received from another detector (a chained input): an outer
   * alert listing it among its samples lists them.
   */
  noteMembers(alertKey: string, members: readonly string[]): void {
    let state = this.alerts.get(alertKey);
    if (!state) {
      state = { members: new Set() };
      this.alerts.set(alertKey, state);
    }
    for (const m of members) state.members.add(m);
  }

  /** The members of a correlation alert's events known here (sample events, inner alerts, its member group value). */
  membersOfCorrelation(a: CorrelationAlert): string[] {
    const members = new Set(this.alerts.peek(a.alertKey)?.members);
    for (const id of a.sampleEventIds) {
      const m = this.eventMembers.peek(id);
      if (m !== undefined) members.add(m);
      this.alerts.peek(id)?.members.forEach((x) => members.add(x));
    }
    const orgGroup = a.groupValues['organization.id'];
    if (orgGroup !== undefined) members.add(orgGroup);
    return [...members].sort();
  }

  fromMatch(m: MatchOutput): AlertMessage {
    const member = memberOf(m.event);
    const host = hostOf(m.event);
    const groupValues: Record<string, string> = {};
    if (member !== undefined) groupValues['organization.id'] = member;
    if (host !== undefined) groupValues['host.name'] = host;
    const groupKey = `${member ?? ''}|${host ?? ''}`;
    const rule = ruleRef(m.rule);
    const time = new Date(m.timestampMs).toISOString();
    const enrichment = enrichmentOf(m.event);
    return {
      alertKey: `${rule.id}:${groupKey}:${m.eventId ?? `${m.timestampMs}`}`,
      status: 'new',
      kind: 'match',
      rule,
      groupKey,
      groupValues,
      firstSeen: time,
      lastSeen: time,
      count: 1,
      sampleEventIds: m.eventId !== undefined ? [m.eventId] : [],
      members: member !== undefined ? [member] : [],
      ...(enrichment.application ? { application: enrichment.application } : {}),
      ...(enrichment.personalData !== undefined ? { personalData: enrichment.personalData } : {}),
      ...(m.late ? { late: true } : {}),
      at: new Date(this.now()).toISOString(),
      event: m.event,
    };
  }

  /** `event`: the event whose evaluation produced the output (absent for outputs of a flush). */
  fromCorrelation(a: CorrelationAlert, event?: EcsEvent): AlertMessage {
    let state = this.alerts.get(a.alertKey);
    if (!state) {
      state = { members: new Set() };
      this.alerts.set(a.alertKey, state);
    }
    for (const id of a.sampleEventIds) {
      const m = this.eventMembers.peek(id);
      if (m !== undefined) state.members.add(m);
      const inner = this.alerts.peek(id);
      if (inner) inner.members.forEach((x) => state.members.add(x));
    }
    if (event) {
      const member = memberOf(event);
      if (member !== undefined) state.members.add(member);
      const e = enrichmentOf(event);
      state.application ??= e.application;
      if (e.personalData) state.personalData = true;
      else state.personalData ??= e.personalData;
    }
    const orgGroup = a.groupValues['organization.id'];
    if (orgGroup !== undefined) state.members.add(orgGroup);
    return {
      alertKey: a.alertKey,
      status: a.new ? 'new' : 'update',
      kind: 'correlation',
      rule: ruleRef(a.rule),
      groupKey: a.groupKey,
      groupValues: { ...a.groupValues },
      firstSeen: new Date(a.firstSeen).toISOString(),
      lastSeen: new Date(a.lastSeen).toISOString(),
      count: a.count,
      sampleEventIds: a.sampleEventIds.slice(0, 20),
      members: [...state.members].sort(),
      ...(state.application ? { application: state.application } : {}),
      ...(state.personalData !== undefined ? { personalData: state.personalData } : {}),
      at: new Date(this.now()).toISOString(),
      ...(event ? { event } : {}),
    };
  }
}
