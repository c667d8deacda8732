/**
 * Wall-clock ↔ UTC conversion for IANA time zones with the built-in Intl API.
 * Offsets are cached per zone and 15-minute bucket, so the cost of Intl is paid
 * once per bucket rather than once per message.
 */

const formatters = new Map<string, Intl.DateTimeFormat | null>();
const offsetCache = new Map<string, number>();
const BUCKET_MS = 15 * 60 * 1000;
const MAX_CACHE = 20000;

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f !== undefined) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    f = null;
  }
  formatters.set(timeZone, f);
  return f;
}

/** True when Intl knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null;
}

interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Wall clock of an instant in a zone (seconds precision). Zone must be valid. */
export function wallClock(timeZone: string, utcMs: number): WallClock {
  const f = formatterFor(timeZone) ?? formatterFor('UTC')!;
  const parts = f.formatToParts(new Date(utcMs));
  const w: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        w.year = Number(p.value);
        break;
      case 'month':
        w.month = Number(p.value);
        break;
      case 'day':
        w.day = Number(p.value);
        break;
      case 'hour':
        w.hour = Number(p.value) % 24;
        break;
      case 'minute':
        w.minute = Number(p.value);
        break;
      case 'second':
        w.second = Number(p.value);
        break;
      default:
        break;
    }
  }
  return w;
}

/** Offset (ms, east positive) of the zone at the given instant. */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const bucket = Math.floor(utcMs / BUCKET_MS);
  const key = `${timeZone}|${bucket}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const base = bucket * BUCKET_MS;
  const w = wallClock(timeZone, base);
  const offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - base;
  if (offsetCache.size > MAX_CACHE) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/**
 * UTC instant of a wall-clock time in a zone. Ambiguous times (DST fall-back) resolve to
 * the first occurrence; times in a spring-forward gap are shifted forward by the gap.
 */
export function zonedToUtc(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const off1 = zoneOffsetMs(timeZone, asUtc - zoneOffsetMs(timeZone, asUtc));
  const candidate = asUtc - off1;
  const off2 = zoneOffsetMs(timeZone, candidate);
  if (off2 !== off1) {
    const alt = asUtc - off2;
    // In a spring-forward gap neither offset maps back: keep the pre-transition reading (shifted forward).
    return zoneOffsetMs(timeZone, alt) === off2 ? alt : candidate;
  }
  // First occurrence of an ambiguous time: an earlier instant with a larger offset may map to it too.
  const earlierOff = zoneOffsetMs(timeZone, candidate - 3600000);
  if (earlierOff > off1 && zoneOffsetMs(timeZone, asUtc - earlierOff) === earlierOff) return asUtc - earlierOff;
  return candidate;
}
