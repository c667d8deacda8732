import type { SourceBucket } from '@vigie/event-store';

export type HostField = 'host.hostname' | 'host.ip';

export interface SourceHost {
  /** `host.hostname`, or `host.ip` for events without a hostname. */
  host: string;
  field: HostField;
  firstSeen: string;
  lastSeen: string;
  count: number;
  /** No event for longer than `silentAfter`. */
  silent: boolean;
  /** Seconds since the last event. */
  silentForSeconds: number;
}

export interface MemberSources {
  member: string;
  /** null for a member code the registry does not know. */
  name: string | null;
  hosts: SourceHost[];
  silentHosts: number;
}

/**
 * Groups per-member host buckets into the coverage view: every member listed
 * (even without events, so a member that stopped sending shows up empty), its
 * hosts sorted by name, each flagged silent when its last event is older than
 * `silentAfterSeconds` at `now`.
 */
export function sourceCoverage(
  members: Array<{ code: string; name: string | null }>,
  buckets: Array<SourceBucket & { field: HostField }>,
  now: Date,
  silentAfterSeconds: number,
): MemberSources[] {
  const byMember = new Map<string, MemberSources>();
  for (const m of members) byMember.set(m.code, { member: m.code, name: m.name, hosts: [], silentHosts: 0 });
  for (const b of buckets) {
    let entry = byMember.get(b.member);
    if (!entry) {
      entry = { member: b.member, name: null, hosts: [], silentHosts: 0 };
      byMember.set(b.member, entry);
    }
    const silentFor = Math.max(0, Math.floor((now.getTime() - Date.parse(b.lastSeen)) / 1000));
    const silent = silentFor > silentAfterSeconds;
    entry.hosts.push({
      host: b.key,
      field: b.field,
      firstSeen: b.firstSeen,
      lastSeen: b.lastSeen,
      count: b.count,
      silent,
      silentForSeconds: silentFor,
    });
    if (silent) entry.silentHosts++;
  }
  const out = [...byMember.values()].sort((a, b) => compare(a.member, b.member));
  for (const m of out) m.hosts.sort((a, b) => compare(a.host, b.host) || compare(a.field, b.field));
  return out;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
