/**
 * Wall-clock ↔ UTC conversion for IANA time zones with the built-in Intl API.
 * Each zone's offset changes are computed once per year (to the minute) and cached, so the cost
 * of Intl is paid once per zone and year rather than once per message.
 */

const formatters = new Map<string, Intl.DateTimeFormat | null>();

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
    const t = p.type;
    if (t === 'year') w.year = Number(p.value);
    else if (t === 'month') w.month = Number(p.value);
    else if (t === 'day') w.day = Number(p.value);
    else if (t === 'hour') w.hour = Number(p.value) % 24;
    else if (t === 'minute') w.minute = Number(p.value);
    else if (t === 'second') w.second = Number(p.value);
  }
  return w;
}

/** Offset changes of a zone over one UTC year: `offsets[i]` applies from `starts[i]`. */
interface ZoneYear {
  starts: number[];
  offsets: number[];
}

const zoneYears = new Map<string, ZoneYear>();
const DAY_MS = 86400000;
const MAX_ZONE_YEARS = 512;

function rawOffset(timeZone: string, utcMs: number): number {
  const base = Math.floor(utcMs / 60000) * 60000;
  const w = wallClock(timeZone, base);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - base;
}

/** Scans a UTC year day by day and pins each offset change to the minute (once per zone and year). */
function zoneYear(timeZone: string, year: number): ZoneYear {
  const key = `${timeZone}|${year}`;
  let z = zoneYears.get(key);
  if (z) return z;
  const from = Date.UTC(year, 0, 1) - DAY_MS;
  const to = Date.UTC(year + 1, 0, 1) + DAY_MS;
  let prev = rawOffset(timeZone, from);
  z = { starts: [-Infinity], offsets: [prev] };
  for (let t = from + DAY_MS; t <= to; t += DAY_MS) {
    const off = rawOffset(timeZone, t);
    if (off === prev) continue;
    let lo = t - DAY_MS;
    let hi = t;
    while (hi - lo > 60000) {
      const mid = Math.floor((lo + hi) / 120000) * 60000;
      if (rawOffset(timeZone, mid) === prev) lo = mid;
      else hi = mid;
    }
    z.starts.push(hi);
    z.offsets.push(off);
    prev = off;
  }
  if (zoneYears.size > MAX_ZONE_YEARS) zoneYears.clear();
  zoneYears.set(key, z);
  return z;
}

/** Calendar year of an instant in a zone. */
export function zonedYear(timeZone: string, utcMs: number): number {
  return new Date(utcMs + zoneOffsetMs(timeZone, utcMs)).getUTCFullYear();
}

/** Offset (ms, east positive) of the zone at the given instant. */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC' || !Number.isFinite(utcMs)) return 0;
  const year = new Date(utcMs).getUTCFullYear();
  if (!isValidTimeZone(timeZone)) return 0;
  const z = zoneYear(timeZone, year);
  let i = z.starts.length - 1;
  while (i > 0 && z.starts[i]! > utcMs) i--;
  return z.offsets[i]!;
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
