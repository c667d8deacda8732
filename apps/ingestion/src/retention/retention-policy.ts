import type { DayUnit } from '@vigie/event-store';

export const DEFAULT_RETENTION_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * The instant before which a member's events have passed retention:
 * `now - retentionDays × 24 h`. A non-positive or non-integer retention falls
 * back to the default (the schema forbids them; this never drops everything).
 */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  const days = Number.isInteger(retentionDays) && retentionDays > 0 ? retentionDays : DEFAULT_RETENTION_DAYS;
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Whether a whole UTC day is past the cutoff: its last instant
 * (`day + 1` at 00:00Z, exclusive) is at or before the cutoff. A day that
 * straddles the cutoff is kept until all of it has expired.
 */
export function dayExpired(day: string, cutoff: Date): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(start)) return false;
  return start + DAY_MS <= cutoff.getTime();
}

/** The member-days to drop, given each member's retention (members not listed get the default). */
export function expiredDays(
  units: DayUnit[],
  retentionByMember: ReadonlyMap<string, number>,
  now: Date,
  defaultDays = DEFAULT_RETENTION_DAYS,
): DayUnit[] {
  const cutoffs = new Map<string, Date>();
  const cutoffOf = (member: string) => {
    let c = cutoffs.get(member);
    if (!c) {
      c = retentionCutoff(now, retentionByMember.get(member) ?? defaultDays);
      cutoffs.set(member, c);
    }
    return c;
  };
  return units.filter((u) => dayExpired(u.day, cutoffOf(u.member)));
}
