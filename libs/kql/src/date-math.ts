/**
 * Elasticsearch date math, evaluated in UTC: an anchor (`now`, or an ISO date
 * followed by `||`), then any number of `+N<unit>`, `-N<unit>` and `/<unit>`
 * (rounding). Units: y, M, w, d, h (or H), m, s.
 *
 * Rounding direction follows Elasticsearch range semantics: `gte` and `lt`
 * round down to the start of the unit, `gt` and `lte` round up to its last
 * millisecond.
 */
export type DateUnit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm' | 's';

const OPS = /([+-])(\d+)([yMwdhHms])|\/([yMwdhHms])/g;
const OPS_ONLY = /^(?:[+-]\d+[yMwdhHms]|\/[yMwdhHms])*$/;

export interface DateMath {
  anchor: 'now' | Date;
  ops: Array<{ kind: 'add'; amount: number; unit: DateUnit } | { kind: 'round'; unit: DateUnit }>;
}

const unitOf = (u: string): DateUnit => (u === 'H' ? 'h' : (u as DateUnit));

/** Parses `now-1h/d` or `2024-01-01||+1M`; undefined if the text is not date math. */
export function parseDateMath(text: string): DateMath | undefined {
  let anchor: DateMath['anchor'];
  let rest: string;
  if (text.startsWith('now')) {
    anchor = 'now';
    rest = text.slice(3);
  } else {
    const bar = text.indexOf('||');
    if (bar <= 0) return undefined;
    const date = parseIsoDate(text.slice(0, bar));
    if (!date) return undefined;
    anchor = date;
    rest = text.slice(bar + 2);
  }
  if (!OPS_ONLY.test(rest)) return undefined;
  const ops: DateMath['ops'] = [];
  for (const m of rest.matchAll(OPS)) {
    if (m[4] !== undefined) ops.push({ kind: 'round', unit: unitOf(m[4]) });
    else ops.push({ kind: 'add', amount: (m[1] === '-' ? -1 : 1) * Number(m[2]), unit: unitOf(m[3]) });
  }
  if (ops.some((op) => op.kind === 'add' && !Number.isSafeInteger(op.amount))) return undefined;
  return { anchor, ops };
}

/** Evaluates date math; undefined if the result is not a representable date. */
export function evaluateDateMath(math: DateMath, now: Date, roundUp: boolean): Date | undefined {
  let t = new Date((math.anchor === 'now' ? now : math.anchor).getTime());
  for (const op of math.ops) {
    t = op.kind === 'add' ? addUnits(t, op.amount, op.unit) : roundDate(t, op.unit, roundUp);
    if (Number.isNaN(t.getTime())) return undefined;
  }
  return t;
}

export function addUnits(date: Date, amount: number, unit: DateUnit): Date {
  const d = new Date(date.getTime());
  switch (unit) {
    case 'y':
      return addMonths(d, amount * 12);
    case 'M':
      return addMonths(d, amount);
    case 'w':
      return new Date(d.getTime() + amount * 7 * 86_400_000);
    case 'd':
      return new Date(d.getTime() + amount * 86_400_000);
    case 'h':
      return new Date(d.getTime() + amount * 3_600_000);
    case 'm':
      return new Date(d.getTime() + amount * 60_000);
    case 's':
      return new Date(d.getTime() + amount * 1000);
  }
}

/** Calendar months, clamping the day to the end of a shorter month (Jan 31 + 1M = Feb 29), like java.time. */
function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = utc(year, month + 1, 0).getUTCDate();
  const d = new Date(date.getTime());
  d.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return d;
}

/** Start of the unit containing `date`, or its last millisecond when `up`. Weeks start on Monday. */
export function roundDate(date: Date, unit: DateUnit, up: boolean): Date {
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth();
  const d = date.getUTCDate();
  const h = date.getUTCHours();
  const mi = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  let start: Date;
  switch (unit) {
    case 'y':
      start = utc(y, 0, 1);
      break;
    case 'M':
      start = utc(y, mo, 1);
      break;
    case 'w': {
      const sinceMonday = (date.getUTCDay() + 6) % 7;
      start = utc(y, mo, d - sinceMonday);
      break;
    }
    case 'd':
      start = utc(y, mo, d);
      break;
    case 'h':
      start = utc(y, mo, d, h);
      break;
    case 'm':
      start = utc(y, mo, d, h, mi);
      break;
    case 's':
      start = utc(y, mo, d, h, mi, s);
      break;
  }
  return up ? new Date(addUnits(start, 1, unit).getTime() - 1) : start;
}

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date {
  // setUTCFullYear rather than Date.UTC, which maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(y, mo, d);
  date.setUTCHours(h, mi, s, 0);
  return date;
}

const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

export type DatePrecision = 'y' | 'M' | 'd' | 'h' | 'm' | 's' | 'ms';

/**
 * Parses an ISO 8601 date or date-time (`2024`, `2024-05`, `2024-05-01`,
 * `2024-05-01T10:00:00.123+02:00`). A date-time without zone is UTC.
 */
export function parseIsoDate(text: string): Date | undefined {
  return parseIsoDateWithPrecision(text)?.date;
}

export function parseIsoDateWithPrecision(text: string): { date: Date; precision: DatePrecision } | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h, mi, s, frac, zone] = m;
  if (zone !== undefined && h === undefined) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return undefined;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let date = utc(year, month - 1, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  if (date.getUTCDate() !== day) return undefined; // 2024-02-31
  date = new Date(date.getTime() + ms);
  if (zone !== undefined && zone !== 'Z') {
    const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!zm) return undefined;
    const offset = (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) * 60_000 * (zm[1] === '+' ? 1 : -1);
    date = new Date(date.getTime() - offset);
  }
  const precision: DatePrecision =
    frac !== undefined
      ? 'ms'
      : s !== undefined
        ? 's'
        : mi !== undefined
          ? 'm'
          : h !== undefined
            ? 'h'
            : m[3]
              ? 'd'
              : m[2]
                ? 'M'
                : 'y';
  return { date, precision };
}
