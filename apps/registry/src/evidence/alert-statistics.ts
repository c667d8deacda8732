export interface AlertRow {
  ruleId: string;
  ruleTitle: string;
  level: string;
  members: string[];
  status: string;
  closeReason: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
}

export interface Bucket {
  key: string;
  title?: string;
  count: number;
}

export interface Durations {
  count: number;
  meanSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface AlertStatistics {
  total: number;
  byMonth: Bucket[];
  byRule: Bucket[];
  byLevel: Bucket[];
  byMember: Bucket[];
  byStatus: Bucket[];
  byCloseReason: Bucket[];
  timeToAcknowledge: Durations;
  timeToClose: Durations;
}

function buckets(keys: Iterable<[string, string | undefined]>): Bucket[] {
  const m = new Map<string, Bucket>();
  for (const [key, title] of keys) {
    const b = m.get(key) ?? { key, ...(title !== undefined ? { title } : {}), count: 0 };
    b.count++;
    m.set(key, b);
  }
  return [...m.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function durations(seconds: number[]): Durations {
  if (!seconds.length) return { count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null };
  const s = [...seconds].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return {
    count: s.length,
    meanSeconds: Math.round(s.reduce((n, x) => n + x, 0) / s.length),
    medianSeconds: at(0.5),
    p90Seconds: at(0.9),
  };
}

const gap = (from: string, to: string | null) =>
  to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)) : undefined;

/** Counts by month (UTC), rule, level, member, status and close reason; time to acknowledge and to close. */
export function alertStats(rows: readonly AlertRow[]): AlertStatistics {
  return {
    total: rows.length,
    byMonth: buckets(rows.map((r) => [r.createdAt.slice(0, 7), undefined])),
    byRule: buckets(rows.map((r) => [r.ruleId, r.ruleTitle])),
    byLevel: buckets(rows.map((r) => [r.level, undefined])),
    byMember: buckets(rows.flatMap((r) => r.members.map((m): [string, undefined] => [m, undefined]))),
    byStatus: buckets(rows.map((r) => [r.status, undefined])),
    byCloseReason: buckets(rows.filter((r) => r.closeReason).map((r) => [r.closeReason!, undefined])),
    timeToAcknowledge: durations(
      rows.map((r) => gap(r.createdAt, r.acknowledgedAt)).filter((x): x is number => x !== undefined),
    ),
    timeToClose: durations(rows.map((r) => gap(r.createdAt, r.closedAt)).filter((x): x is number => x !== undefined)),
  };
}
