import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface WorkingHours {
  timeZone: string;
  days: Weekday[];
  /** Minutes since local midnight, start included. */
  startMinute: number;
  /** Minutes since local midnight, end excluded. `end < start`: the period crosses midnight. */
  endMinute: number;
  /** Local dates (YYYY-MM-DD) that are not working days. */
  holidays: Set<string>;
}

export interface LocalTime {
  date: string;
  weekday: Weekday;
  minute: number;
}

/** Invalid working-hours file: the detector refuses to start with it (a deployment error, not a rule error). */
export class WorkingHoursError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkingHoursError';
  }
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  timeZone: 'Europe/Paris',
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  startMinute: 7 * 60,
  endMinute: 20 * 60,
  holidays: new Set(),
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Last minute computed per zone: events arrive roughly in time order, so most lookups hit it. */
const lastMinute = new Map<string, { minute: number; value: LocalTime }>();

/** Local calendar date, weekday and minute of the day of an instant in an IANA zone (DST-aware). */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  const minute = Math.floor(epochMs / 60_000);
  const cached = lastMinute.get(timeZone);
  if (cached && cached.minute === minute) return cached.value;
  const value = computeLocalTime(epochMs, timeZone);
  lastMinute.set(timeZone, { minute, value });
  return value;
}

function computeLocalTime(epochMs: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
  return { date, weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

function parseClock(v: unknown, what: string): number {
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v) : null;
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59 || (Number(m[1]) === 24 && Number(m[2]) !== 0)) {
    throw new WorkingHoursError(`${what} must be HH:MM, got ${JSON.stringify(v)}`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: WorkingHours, raw: unknown, where: string): WorkingHours {
  if (raw === undefined || raw === null) return base;
  if (!isRecord(raw)) throw new WorkingHoursError(`${where} must be a map`);
  const out: WorkingHours = { ...base, holidays: new Set(base.holidays) };
  if (raw.timeZone !== undefined) {
    if (typeof raw.timeZone !== 'string') throw new WorkingHoursError(`${where}.timeZone must be a string`);
    try {
      formatter(raw.timeZone);
    } catch {
      throw new WorkingHoursError(`${where}.timeZone: unknown time zone ${raw.timeZone}`);
    }
    out.timeZone = raw.timeZone;
  }
  if (raw.days !== undefined) {
    if (!Array.isArray(raw.days)) throw new WorkingHoursError(`${where}.days must be a list`);
    out.days = raw.days.map((d) => {
      const day = String(d).toLowerCase().slice(0, 3) as Weekday;
      if (!WEEKDAYS.includes(day)) throw new WorkingHoursError(`${where}.days: unknown day ${JSON.stringify(d)}`);
      return day;
    });
  }
  if (raw.start !== undefined) out.startMinute = parseClock(raw.start, `${where}.start`);
  if (raw.end !== undefined) out.endMinute = parseClock(raw.end, `${where}.end`);
  if (raw.holidays !== undefined) {
    if (!Array.isArray(raw.holidays)) throw new WorkingHoursError(`${where}.holidays must be a list`);
    out.holidays = new Set(
      raw.holidays.map((d) => {
        const s = d instanceof Date ? d.toISOString().slice(0, 10) : String(d);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new WorkingHoursError(`${where}.holidays: not a date ${s}`);
        return s;
      }),
    );
  }
  return out;
}

/** Working hours of each member, with a default for members not listed. */
export class WorkingHoursCalendar {
  constructor(
    readonly defaults: WorkingHours = DEFAULT_WORKING_HOURS,
    private readonly members: ReadonlyMap<string, WorkingHours> = new Map(),
  ) {}

  static fromYaml(text: string, origin = 'working-hours'): WorkingHoursCalendar {
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (e) {
      throw new WorkingHoursError(`${origin}: not valid YAML: ${(e as Error).message}`);
    }
    if (doc === null || doc === undefined) return new WorkingHoursCalendar();
    if (!isRecord(doc)) throw new WorkingHoursError(`${origin}: must be a map`);
    const defaults = merge(DEFAULT_WORKING_HOURS, doc.default, `${origin}: default`);
    const members = new Map<string, WorkingHours>();
    if (doc.members !== undefined && doc.members !== null) {
      if (!isRecord(doc.members)) throw new WorkingHoursError(`${origin}: members must be a map`);
      for (const [code, raw] of Object.entries(doc.members)) {
        members.set(code, merge(defaults, raw, `${origin}: members.${code}`));
      }
    }
    return new WorkingHoursCalendar(defaults, members);
  }

  static fromFile(path: string): WorkingHoursCalendar {
    return WorkingHoursCalendar.fromYaml(readFileSync(path, 'utf8'), path);
  }

  hoursOf(member: string | undefined): WorkingHours {
    return (member !== undefined ? this.members.get(member) : undefined) ?? this.defaults;
  }

  /** True when the instant falls inside the member's working hours (local time of the member). */
  isWorkingTime(member: string | undefined, epochMs: number): boolean {
    const h = this.hoursOf(member);
    const t = localTime(epochMs, h.timeZone);
    if (h.startMinute <= h.endMinute) {
      if (h.holidays.has(t.date) || !h.days.includes(t.weekday)) return false;
      return t.minute >= h.startMinute && t.minute < h.endMinute;
    }
    // Night shift: the period starting on a working day runs past midnight into the next day.
    if (t.minute >= h.startMinute) return !h.holidays.has(t.date) && h.days.includes(t.weekday);
    if (t.minute < h.endMinute) {
      const prev = localTime(epochMs - (t.minute + 1) * 60_000, h.timeZone);
      return !h.holidays.has(prev.date) && h.days.includes(prev.weekday);
    }
    return false;
  }
}
