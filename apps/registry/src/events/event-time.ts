import { DomainError } from '@vigie/contracts';
import { KqlSyntaxError, parseKql } from '@vigie/kql';

/** A resolved time window: `from` inclusive, `to` exclusive, both ISO 8601 UTC. */
export interface TimeWindow {
  from: string;
  to: string;
}

const DURATION = /^(\d{1,6})([smhdw])$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
/** Characters an ISO 8601 date or a date-math expression may hold. */
const TIME_TEXT = /^[0-9A-Za-z:+\-./|, ]{1,64}$/;

/** `90s`, `5m`, `1h`, `7d`, `2w` → seconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return seconds > 0 ? seconds : undefined;
}

/** Seconds → the shortest duration text (`3600` → `1h`). */
export function formatDuration(seconds: number): string {
  for (const unit of ['w', 'd', 'h', 'm'] as const) {
    const size = UNIT_SECONDS[unit]!;
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * An instant from ISO 8601 (`2024-05-01`, `2024-05-01T10:00:00+02:00`; no zone
 * means UTC) or Elasticsearch date math (`now-24h`, `now/d`, `2024-05-01||+1M`).
 * The KQL parser evaluates it exactly as it does inside a query, as the bound
 * of a `@timestamp` range: a lower bound (`from`, inclusive) and an upper bound
 * (`to`, exclusive) both round down (`now/d` is the start of today).
 */
export function resolveInstant(text: string, now: Date, field: 'from' | 'to'): string {
  const value = plusRestored(text.trim());
  const invalid = () =>
    new DomainError('invalid', 'invalid_time', `${field} must be an ISO 8601 date or date math (now-24h)`, [
      { field, problem: `${JSON.stringify(text)} is not an ISO 8601 date or date math` },
    ]);
  if (!TIME_TEXT.test(value)) throw invalid();
  // An ISO date alone is date math anchored on it with no operation.
  const math = value.startsWith('now') || value.includes('||') ? value : `${value}||`;
  try {
    const filter = parseKql(`@timestamp ${field === 'from' ? '>=' : '<'} "${math}"`, { now });
    if (filter?.op === 'range') {
      const bound = field === 'from' ? filter.gte : filter.lt;
      if (typeof bound === 'string' && !Number.isNaN(Date.parse(bound))) return new Date(bound).toISOString();
    }
  } catch (err) {
    if (!(err instanceof KqlSyntaxError)) throw err;
  }
  throw invalid();
}

/** A `+` sent unencoded in a query string arrives as a space: `now 1h`, `...T10:00:00 02:00`. */
function plusRestored(value: string): string {
  if (value.startsWith('now')) return value.replace(/ /g, '+');
  return value.replace(/(\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$/, '$1+$2');
}

/** `from`/`to` as given, or their defaults (`to` = now, `from` = `defaultFrom`); `from` must precede `to`. */
export function resolveWindow(given: { from?: string; to?: string }, now: Date, defaultFrom = 'now-24h'): TimeWindow {
  const from = resolveInstant(given.from ?? defaultFrom, now, 'from');
  const to = given.to === undefined ? now.toISOString() : resolveInstant(given.to, now, 'to');
  if (Date.parse(from) >= Date.parse(to)) {
    throw new DomainError('invalid', 'invalid_time_range', 'from must be before to', [
      { field: 'from', problem: `${from} is not before ${to}` },
    ]);
  }
  return { from, to };
}

/** Intervals `auto` picks from, shortest first. */
const NICE_INTERVALS = [
  1,
  5,
  10,
  30,
  60,
  300,
  600,
  1800,
  3600,
  3 * 3600,
  6 * 3600,
  12 * 3600,
  86_400,
  7 * 86_400,
  30 * 86_400,
];
export const AUTO_BUCKETS = 60;
export const MAX_BUCKETS = 2000;

/**
 * The histogram interval in seconds: a duration (`1m`, `1h`, `1d`), or `auto`
 * for the shortest round interval giving at most about 60 buckets over the window.
 */
export function resolveInterval(text: string | undefined, window: TimeWindow): number {
  const spanSeconds = (Date.parse(window.to) - Date.parse(window.from)) / 1000;
  let seconds: number | undefined;
  if (text === undefined || text === 'auto') {
    seconds = NICE_INTERVALS.find((s) => spanSeconds / s <= AUTO_BUCKETS) ?? NICE_INTERVALS[NICE_INTERVALS.length - 1]!;
  } else {
    seconds = parseDuration(text);
    if (seconds === undefined) {
      throw new DomainError('invalid', 'invalid_interval', 'interval must be like 30s, 1m, 1h, 1d or auto', [
        { field: 'interval', problem: `${JSON.stringify(text)} is not a duration` },
      ]);
    }
  }
  const buckets = Math.ceil(spanSeconds / seconds) + 1;
  if (buckets > MAX_BUCKETS) {
    throw new DomainError(
      'invalid',
      'too_many_buckets',
      `interval ${formatDuration(seconds)} gives ${buckets} buckets over the window (at most ${MAX_BUCKETS})`,
      [{ field: 'interval', problem: `too short for the window; use a longer interval or auto` }],
    );
  }
  return seconds;
}

/** Bucket starts aligned on the epoch, from the one holding `from` up to `to` (exclusive). */
export function bucketStarts(window: TimeWindow, intervalSeconds: number): string[] {
  const step = intervalSeconds * 1000;
  const end = Date.parse(window.to);
  const starts: string[] = [];
  for (let t = Math.floor(Date.parse(window.from) / step) * step; t < end; t += step) {
    starts.push(new Date(t).toISOString());
  }
  return starts;
}
