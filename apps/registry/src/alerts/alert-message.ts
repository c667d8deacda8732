import { AlertMessage, UNATTRIBUTED_MEMBER } from '@vigie/contracts';
import { hostsOf, isAlertLevel } from '@vigie/triage';

const MEMBER = /^[a-z0-9][a-z0-9_-]{0,31}$/;
/** Largest triggering event kept from a message (serialised), for the exceptions' Sigma filters. */
const MAX_EVENT_CHARS = 256 * 1024;
const isStr = (v: unknown): v is string => typeof v === 'string';
const validTime = (v: unknown): v is string => isStr(v) && !Number.isNaN(Date.parse(v));

/** A checked detector message, with its members resolved (never empty). */
export interface SinkMessage extends AlertMessage {
  resolvedMembers: string[];
  hosts: string[];
}

/** Parse and check a `siem.alerts.v1` message; `undefined` when it is not an alert. */
export function parseAlertMessage(value: string): SinkMessage | undefined {
  let v: Partial<AlertMessage>;
  try {
    v = JSON.parse(value) as Partial<AlertMessage>;
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v.rule;
  if (!isStr(v.alertKey) || !v.alertKey || !r || !isStr(r.id) || !r.id || !isStr(r.title)) return undefined;
  if (!isStr(v.groupKey) || !validTime(v.firstSeen) || !validTime(v.lastSeen)) return undefined;
  if (typeof v.count !== 'number' || !Number.isFinite(v.count) || v.count < 0) return undefined;
  const groupValues: Record<string, string> = {};
  for (const [k, x] of Object.entries(v.groupValues ?? {}))
    if (x !== undefined && x !== null) groupValues[k] = String(x);
  const fromMessage = Array.isArray(v.members) ? v.members.filter((m): m is string => isStr(m) && MEMBER.test(m)) : [];
  const org = groupValues['organization.id'];
  const resolvedMembers = fromMessage.length
    ? [...new Set(fromMessage)]
    : org && MEMBER.test(org)
      ? [org]
      : [UNATTRIBUTED_MEMBER];
  return {
    alertKey: v.alertKey.slice(0, 2000),
    status: v.status === 'update' ? 'update' : 'new',
    kind: v.kind === 'match' ? 'match' : 'correlation',
    rule: {
      id: r.id.slice(0, 200),
      title: r.title.slice(0, 500),
      level: isStr(r.level) && isAlertLevel(r.level) ? r.level : 'medium',
      tags: Array.isArray(r.tags) ? r.tags.filter(isStr).slice(0, 50) : [],
    },
    groupKey: v.groupKey,
    groupValues,
    firstSeen: new Date(v.firstSeen).toISOString(),
    lastSeen: new Date(v.lastSeen).toISOString(),
    count: Math.floor(v.count),
    sampleEventIds: Array.isArray(v.sampleEventIds) ? v.sampleEventIds.filter(isStr).slice(0, 20) : [],
    members: fromMessage,
    ...(v.application && (isStr(v.application.id) || isStr(v.application.name))
      ? { application: { id: v.application.id, name: v.application.name } }
      : {}),
    ...(typeof v.personalData === 'boolean' ? { personalData: v.personalData } : {}),
    ...(v.late ? { late: true } : {}),
    at: validTime(v.at) ? v.at : new Date().toISOString(),
    ...(eventOf(v.event) ? { event: v.event } : {}),
    resolvedMembers,
    hosts: hostsOf(groupValues),
  };
}

function eventOf(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  try {
    return JSON.stringify(v).length <= MAX_EVENT_CHARS;
  } catch {
    return false;
  }
}
