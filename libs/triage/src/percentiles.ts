/**
 * Percentile by linear interpolation between closest ranks (the definition used by numpy's default and by
 * PostgreSQL's `percentile_cont`). `p` in [0, 100]. `undefined` for no values.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export interface DurationSummary {
  /** How many durations were measured. */
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

/** p50/p90 of durations in seconds (rounded to the millisecond). */
export function summariseDurations(seconds: readonly number[]): DurationSummary {
  const r = (v: number | undefined) => (v === undefined ? null : Math.round(v * 1000) / 1000);
  return { count: seconds.length, p50Seconds: r(percentile(seconds, 50)), p90Seconds: r(percentile(seconds, 90)) };
}

/** False-positive rate of a rule: false positives among its closed alerts (`null` when none closed). */
export function falsePositiveRate(closed: number, falsePositives: number): number | null {
  if (closed <= 0) return null;
  return Math.round((falsePositives / closed) * 10_000) / 10_000;
}
