import type { AlertStatus } from './alert-status';

/** What the sink knows of an alert when a message arrives. */
export interface AlertSnapshot {
  id: string;
  status: AlertStatus;
  /** ISO 8601. */
  lastSeen: string;
  /** ISO 8601, when closed. */
  closedAt: string | null;
}

/** What the sink remembers of one `alertKey` it has seen (an alert may gather several keys). */
export interface KeyState {
  alertId: string;
  /** Highest `count` received for this key. */
  count: number;
  /** Latest `lastSeen` received for this key, ISO 8601. */
  lastSeen: string;
}

export interface SinkInput {
  message: { count: number; firstSeen: string; lastSeen: string };
  /** State of the message's `alertKey`, when it was seen before. */
  key?: KeyState;
  /** The alert the key belongs to (when `key` is given). */
  keyAlert?: AlertSnapshot;
  /** The most recent alert with the same rule and group key (any status), when there is one. */
  latestForGroup?: AlertSnapshot;
  nowMs: number;
  /** An open alert absorbs a new key of the same rule and group when it starts within this time of the alert's last event. */
  dedupWindowSeconds: number;
  /** A closed alert is reopened instead of duplicated when it was closed less than this ago. */
  reopenWithinSeconds: number;
}

export type SinkDecision =
  /** Nothing new: a redelivered or out-of-order message. */
  | { action: 'ignore' }
  /** Add `countDelta` events to an existing alert; `reopen` when it was closed. */
  | { action: 'update'; alertId: string; countDelta: number; reopen: boolean }
  /** Open a new alert with `count` events. */
  | { action: 'create'; count: number };

const ms = (iso: string) => Date.parse(iso);

function recentlyClosed(a: AlertSnapshot, nowMs: number, reopenWithinSeconds: number): boolean {
  return a.status === 'closed' && a.closedAt !== null && nowMs - ms(a.closedAt) <= reopenWithinSeconds * 1000;
}

/**
 * Deduplication of detector messages. Messages of one `alertKey` carry cumulative counts (`new`, then
 * `update`s), so a key contributes its highest count once; an alert's count is the sum over its keys.
 *
 * - A key seen before updates its alert by the growth of its count; a message that brings neither a higher
 *   count nor a later `lastSeen` is ignored (redelivery). If the alert was closed meanwhile, it is reopened when
 *   closed less than `reopenWithinSeconds` ago, else the growth opens a new alert.
 * - A new key joins the most recent alert of the same rule and group key when that alert is not closed and the
 *   key's first event is within `dedupWindowSeconds` of the alert's last one, or when it was closed less than
 *   `reopenWithinSeconds` ago (reopened). Otherwise it opens a new alert.
 */
export function decideSink(input: SinkInput): SinkDecision {
  const { message, key, keyAlert, latestForGroup, nowMs } = input;
  if (key && keyAlert) {
    const delta = Math.max(0, message.count - key.count);
    if (delta === 0 && ms(message.lastSeen) <= ms(key.lastSeen)) return { action: 'ignore' };
    if (keyAlert.status !== 'closed')
      return { action: 'update', alertId: keyAlert.id, countDelta: delta, reopen: false };
    if (recentlyClosed(keyAlert, nowMs, input.reopenWithinSeconds))
      return { action: 'update', alertId: keyAlert.id, countDelta: delta, reopen: true };
    if (delta === 0) return { action: 'ignore' };
    return { action: 'create', count: delta };
  }
  const count = Math.max(1, message.count);
  const g = latestForGroup;
  if (g) {
    if (g.status !== 'closed') {
      const gap = ms(message.firstSeen) - ms(g.lastSeen);
      if (gap <= input.dedupWindowSeconds * 1000)
        return { action: 'update', alertId: g.id, countDelta: count, reopen: false };
    } else if (recentlyClosed(g, nowMs, input.reopenWithinSeconds)) {
      return { action: 'update', alertId: g.id, countDelta: count, reopen: true };
    }
  }
  return { action: 'create', count };
}

/** Samples kept on an alert: the first ones, without repeats, at most `max`. */
export function mergeSamples(current: readonly string[], incoming: readonly string[], max = 20): string[] {
  const out = [...current];
  const seen = new Set(out);
  for (const id of incoming) {
    if (out.length >= max) break;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  return out.slice(0, max);
}
