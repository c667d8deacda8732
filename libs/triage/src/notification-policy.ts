import { atOrAbove } from './alert-levels';

/** Why a notification is (not) sent. */
export type NotifyVerdict = 'send' | 'below_level' | 'grace_period' | 'not_new' | 'member_not_routed';

export interface NotifyInput {
  /** `created`: a new alert; `reopened`: a closed alert reopened; `updated`: more events on an open alert. */
  change: 'created' | 'reopened' | 'updated';
  level: string;
  minLevel: string;
  /** Members of the alert, and the members the channel is restricted to (empty: every member). */
  alertMembers: readonly string[];
  channelMembers: readonly string[];
  /** When this channel last notified this alert, or another alert of the same rule and group key (ms). */
  lastNotifiedMs?: number;
  nowMs: number;
  graceSeconds: number;
}

/**
 * One notification per alert and channel: updates never notify; a new or reopened alert notifies unless its
 * level is below the threshold, the channel is routed to other members, or the same rule and group key was
 * notified on this channel less than the rule's grace period ago.
 */
export function notifyVerdict(i: NotifyInput): NotifyVerdict {
  if (i.change === 'updated') return 'not_new';
  if (!atOrAbove(i.level, i.minLevel)) return 'below_level';
  if (i.channelMembers.length > 0 && !i.alertMembers.some((m) => i.channelMembers.includes(m)))
    return 'member_not_routed';
  if (i.lastNotifiedMs !== undefined && i.nowMs - i.lastNotifiedMs < i.graceSeconds * 1000) return 'grace_period';
  return 'send';
}

/** `ruleId=seconds` entries (from the settings) as a map; malformed entries are reported. */
export function parseGraceOverrides(entries: readonly string[]): { map: Map<string, number>; problems: string[] } {
  const map = new Map<string, number>();
  const problems: string[] = [];
  for (const e of entries) {
    const i = e.lastIndexOf('=');
    const rule = i > 0 ? e.slice(0, i).trim() : '';
    const seconds = i > 0 ? Number(e.slice(i + 1).trim()) : NaN;
    if (!rule || !Number.isInteger(seconds) || seconds < 0) problems.push(`${e}: expected ruleId=seconds`);
    else map.set(rule, seconds);
  }
  return { map, problems };
}

/** Delay before retry `attempt` (1-based) of a failed delivery: exponential, capped. */
export function retryDelayMs(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}
