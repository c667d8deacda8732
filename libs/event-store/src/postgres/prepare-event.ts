import type { StoredEvent } from '../event-store';

/**
 * Checks and normalises an event before it is written, the same way for every
 * adapter, so that every store holds the same document for the same input.
 * Shared by the Postgres and Elasticsearch adapters.
 */
export interface PreparedEvent {
  id: string;
  member: string;
  /** Canonical UTC ISO 8601 (`2024-05-01T12:00:00.123Z`, or with microseconds). */
  timestamp: string;
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** The document with `@timestamp`, `event.id` and `organization.id` set from the envelope. */
  doc: Record<string, unknown>;
}

export type PrepareOutcome = { ok: true; event: PreparedEvent } | { ok: false; id: string; reason: string };

export const MEMBER_CODE = /^[a-z0-9][a-z0-9_-]*$/;
const MAX_ID_LENGTH = 512;

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses an ISO 8601 date-time and returns it in UTC. A value without an offset
 * is taken as UTC. Precision is kept to the microsecond (PostgreSQL's).
 */
export function normaliseTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_8601.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  if (hour === 24 && (minute !== 0 || second !== 0 || /[1-9]/.test(frac))) return undefined;
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  if (probe.getUTCDate() !== day) return undefined;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const fraction = frac.padEnd(6, '0').slice(0, 6);
  const millis = Number(fraction.slice(0, 3));
  const micros = fraction.slice(3);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) return undefined;
  const iso = date.toISOString();
  return micros === '000' ? iso : `${iso.slice(0, -1)}${micros}Z`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function prepareEvent(event: StoredEvent): PrepareOutcome {
  const id = typeof event?.id === 'string' ? event.id : '';
  if (!id) return { ok: false, id: String(event?.id ?? ''), reason: 'missing id' };
  if (id.length > MAX_ID_LENGTH) return { ok: false, id, reason: `id longer than ${MAX_ID_LENGTH} characters` };
  if (typeof event.member !== 'string' || !MEMBER_CODE.test(event.member) || event.member.length > 64) {
    return { ok: false, id, reason: `invalid member code ${JSON.stringify(event.member)}` };
  }
  if (!isObject(event.doc)) return { ok: false, id, reason: 'document is not an object' };
  const timestamp = normaliseTimestamp(event.timestamp || event.doc['@timestamp']);
  if (!timestamp) {
    return { ok: false, id, reason: `missing or invalid @timestamp ${JSON.stringify(event.timestamp ?? null)}` };
  }
  const doc: Record<string, unknown> = {
    ...event.doc,
    '@timestamp': timestamp,
    event: { ...(isObject(event.doc.event) ? event.doc.event : {}), id },
    organization: { ...(isObject(event.doc.organization) ? event.doc.organization : {}), id: event.member },
  };
  return { ok: true, event: { id, member: event.member, timestamp, day: timestamp.slice(0, 10), doc } };
}

/** The `YYYY-MM-DD` day after `day`. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
