import { zonedToUtc, zonedYear } from './zoned-time';

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};

/** Zone abbreviations Cisco and a few appliances append to BSD timestamps, in minutes east of UTC. */
const ZONE_ABBREVIATIONS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const DAY_MS = 86400000;
/** A year-less timestamp further than this in the future belongs to the previous year. */
export const FUTURE_TOLERANCE_MS = 31 * DAY_MS;
/** A year-less timestamp this close after the receive time, across New Year, belongs to the next year. */
const NEXT_YEAR_TOLERANCE_MS = 7 * DAY_MS;

/** Result of reading a timestamp at some position of a line. */
export interface TimestampMatch {
  /** Undefined when the text had the shape of a timestamp but no valid value. */
  date?: Date;
  /** Index just after the timestamp text (and a trailing Cisco colon). */
  end: number;
  /** Cisco `*` (clock not synchronised) or `.` (clock was synchronised but lost) marker. */
  unsynchronised?: boolean;
}

const fractionMs = (frac: string | undefined): number => (frac ? Math.floor(Number((frac + '000').slice(0, 3))) : 0);

function validDate(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCDate() === d;
}

function parseOffsetMinutes(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  if (!/^\d{2}(\d{2})?$/.test(digits)) return undefined;
  const h = Number(digits.slice(0, 2));
  const m = digits.length === 4 ? Number(digits.slice(2)) : 0;
  if (h > 23 || m > 59) return undefined;
  return sign * (h * 60 + m);
}

/**
 * RFC 3339 / ISO 8601 date-time (`2026-11-29T13:33:41.123+01:00`, `Z`, `+0100`, space instead of `T`,
 * or no offset — then read in `timeZone`).
 */
const ISO_RE =
  /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|z|[+-]\d{2}(?::?\d{2})?)?(?=[\s:]|$)/y;

export function readIsoTimestamp(line: string, pos: number, timeZone: string): TimestampMatch | undefined {
  ISO_RE.lastIndex = pos;
  const m = ISO_RE.exec(line);
  if (!m) return undefined;
  const [, ys, mos, ds, hs, mis, ss, frac, off] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = Math.min(Number(ss), 59);
  const end = ISO_RE.lastIndex;
  if (!validDate(y, mo, d, h, mi, Number(ss))) return { end };
  const ms = fractionMs(frac);
  if (off !== undefined) {
    const offMin = parseOffsetMinutes(off);
    if (offMin === undefined) return { end };
    return { date: new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offMin * 60000), end };
  }
  return { date: new Date(zonedToUtc(timeZone, y, mo, d, h, mi, s, ms)), end };
}

/** Exactly an RFC 3339 timestamp token (RFC 5424 TIMESTAMP). */
export function parseRfc3339(token: string, timeZone: string): Date | undefined {
  const m = readIsoTimestamp(token, 0, timeZone);
  return m && m.end === token.length ? m.date : undefined;
}

/**
 * BSD (RFC 3164) timestamp with the real-world variants: `Nov 29 13:33:41`, `Nov  3 …`, a year after the
 * day (`Nov 29 2026 13:33:41`) or after the time, fractional seconds, a trailing zone abbreviation or
 * offset (`UTC`, `+01:00`), a Cisco `*`/`.` prefix and a trailing colon.
 */
const BSD_RE =
  /([*.])?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2})(?: (\d{4}))? (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: (\d{4})(?= |:|$))?(?: (UTC|GMT|Z|WET|WEST|BST|CET|CEST|MET|MEST|EET|EEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[+-]\d{2}:?\d{2})(?= |:|$))?(:(?= |$))?/y;

export function readBsdTimestamp(
  line: string,
  pos: number,
  timeZone: string,
  receivedAt: Date,
): TimestampMatch | undefined {
  BSD_RE.lastIndex = pos;
  const m = BSD_RE.exec(line);
  if (!m) return undefined;
  const end = BSD_RE.lastIndex;
  if (end < line.length && line.charCodeAt(end) !== 32) return undefined;
  const [, marker, mon, ds, y1, hs, mis, ss, frac, y2, zone] = m;
  const mo = MONTHS[mon!]!;
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const sec = Number(ss);
  const ms = fractionMs(frac);
  const unsynchronised = marker !== undefined ? true : undefined;
  const explicitYear = y1 ?? y2;
  const offMin = zone === undefined ? undefined : (ZONE_ABBREVIATIONS[zone] ?? parseOffsetMinutes(zone));

  const build = (year: number): number | undefined => {
    if (!validDate(year, mo, d, h, mi, sec)) return undefined;
    const s = Math.min(sec, 59);
    if (offMin !== undefined) return Date.UTC(year, mo - 1, d, h, mi, s, ms) - offMin * 60000;
    return zonedToUtc(timeZone, year, mo, d, h, mi, s, ms);
  };

  if (explicitYear !== undefined) {
    const t = build(Number(explicitYear));
    return { date: t === undefined ? undefined : new Date(t), end, unsynchronised };
  }
  const t = inferYear(build, timeZone, receivedAt, mo, d);
  return { date: t === undefined ? undefined : new Date(t), end, unsynchronised };
}

/**
 * Picks the year of a year-less timestamp relative to the receive time (read in the zone):
 * the current year, unless that puts it more than ~a month in the future (then the previous year,
 * e.g. `Dec 31` received on 1 January), or the next year is at most a week ahead (sender clock
 * already past New Year).
 */
function inferYear(
  build: (year: number) => number | undefined,
  timeZone: string,
  receivedAt: Date,
  month: number,
  day: number,
): number | undefined {
  const recv = receivedAt.getTime();
  if (Number.isNaN(recv)) return undefined;
  const year = zonedYear(timeZone, recv);
  const current = build(year);
  if (current !== undefined) {
    if (current - recv > FUTURE_TOLERANCE_MS) return build(year - 1) ?? previousValid(build, year - 1);
    if (recv - current > 300 * DAY_MS) {
      const next = build(year + 1);
      if (next !== undefined && next - recv <= NEXT_YEAR_TOLERANCE_MS) return next;
    }
    return current;
  }
  // 29 February in a common year: the most recent leap year before.
  if (month === 2 && day === 29) return previousValid(build, year - 1);
  return undefined;
}

function previousValid(build: (year: number) => number | undefined, from: number): number | undefined {
  for (let y = from; y > from - 8; y--) {
    const t = build(y);
    if (t !== undefined) return t;
  }
  return undefined;
}
