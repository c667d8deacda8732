import type { AlertLevel } from '@vigie/contracts';
import type { AlertStatus, CloseReason } from '@vigie/triage';

/** An alert as the API shows it. */
export interface Alert {
  id: string;
  rule: { id: string; title: string; level: AlertLevel; tags: string[] };
  kind: 'match' | 'correlation';
  groupKey: string;
  groupValues: Record<string, string>;
  /** The first member of the alert (its owner in the audit trail and the event store). */
  member: string;
  members: string[];
  hosts: string[];
  application: { id: string | null; name: string | null } | null;
  personalData: boolean;
  status: AlertStatus;
  closeReason: CloseReason | null;
  closeComment: string | null;
  assignee: string | null;
  tags: string[];
  count: number;
  firstSeen: string;
  lastSeen: string;
  sampleEventIds: string[];
  reopenCount: number;
  incidentId: string | null;
  createdAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
}

/** One entry of an alert's history: who changed what, when, from what to what, and why. */
export interface AlertHistoryEntry {
  id: string;
  at: string;
  actor: string;
  /** `created`, `events_added`, `reopened`, `status`, `assignee`, `tags`, `commented`, `escalated`, `suppressed`... */
  action: string;
  field: string | null;
  from: string | null;
  to: string | null;
  comment: string | null;
}

export const ALERT_COLUMNS = `id, rule_id, rule_title, rule_tags, level, kind, group_key, group_values, member, members, hosts,
  application_id, application_name, personal_data, status, close_reason, close_comment, assignee, tags, count,
  first_seen, last_seen, sample_event_ids, reopen_count, incident_id, created_at, updated_at, acknowledged_at, closed_at`;

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export function toAlert(r: Record<string, unknown>): Alert {
  const appId = (r.application_id as string | null) ?? null;
  const appName = (r.application_name as string | null) ?? null;
  return {
    id: String(r.id),
    rule: {
      id: String(r.rule_id),
      title: String(r.rule_title),
      level: String(r.level) as AlertLevel,
      tags: (r.rule_tags as string[]) ?? [],
    },
    kind: String(r.kind) as Alert['kind'],
    groupKey: String(r.group_key),
    groupValues: json<Record<string, string>>(r.group_values) ?? {},
    member: String(r.member),
    members: (r.members as string[]) ?? [],
    hosts: (r.hosts as string[]) ?? [],
    application: appId || appName ? { id: appId, name: appName } : null,
    personalData: Boolean(r.personal_data),
    status: String(r.status) as AlertStatus,
    closeReason: (r.close_reason as CloseReason | null) ?? null,
    closeComment: (r.close_comment as string | null) ?? null,
    assignee: (r.assignee as string | null) ?? null,
    tags: (r.tags as string[]) ?? [],
    count: Number(r.count),
    firstSeen: iso(r.first_seen)!,
    lastSeen: iso(r.last_seen)!,
    sampleEventIds: (r.sample_event_ids as string[]) ?? [],
    reopenCount: Number(r.reopen_count ?? 0),
    incidentId: (r.incident_id as string | null) ?? null,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    acknowledgedAt: iso(r.acknowledged_at),
    closedAt: iso(r.closed_at),
  };
}

export function toHistory(r: Record<string, unknown>): AlertHistoryEntry {
  return {
    id: String(r.id),
    at: iso(r.at)!,
    actor: String(r.actor),
    action: String(r.action),
    field: (r.field as string | null) ?? null,
    from: (r.from_value as string | null) ?? null,
    to: (r.to_value as string | null) ?? null,
    comment: (r.comment as string | null) ?? null,
  };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
