import { isIP } from 'node:net';
import { zonedToUtc } from '@vigie/syslog';

/** The value when it is an IPv4/IPv6 address (brackets and IPv6 zone kept out), else undefined. */
export function ipOrUndefined(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let v = value;
  if (v.charCodeAt(0) === 91 /* [ */ && v.endsWith(']')) v = v.slice(1, -1);
  if (v.startsWith('::ffff:') && isIP(v.slice(7)) === 4) v = v.slice(7);
  return isIP(v) ? v : undefined;
}

/** Non-negative integer or undefined. Accepts `0x…` hex (Windows ids). */
export function intOrUndefined(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  const v = value.trim();
  if (v === '' || v === '-') return undefined;
  if (/^0x[0-9a-f]{1,13}$/i.test(v)) return parseInt(v.slice(2), 16);
  if (!/^-?\d{1,15}$/.test(v)) return undefined;
  return Number(v);
}

/** Port number (0-65535) or undefined. */
export function portOrUndefined(value: string | number | undefined): number | undefined {
  const n = intOrUndefined(value);
  return n !== undefined && n >= 0 && n <= 65535 ? n : undefined;
}

/** Undefined for empty, `-`, `N/A` placeholders. */
export function present(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value.trim();
  return v === '' || v === '-' || v === 'N/A' || v === '(null)' ? undefined : v;
}

/** True when `needle` occurs starting at or before index `limit` (bounded scan, for cheap sniffing). */
export function occursWithin(text: string, needle: string, limit: number): boolean {
  return text.lastIndexOf(needle, limit) >= 0;
}

/** Last path component of a Windows or POSIX path. */
export function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i >= 0 ? path.slice(i + 1) : path;
}

const IANA_TRANSPORTS: Record<string, string> = {
  '1': 'icmp',
  '2': 'igmp',
  '6': 'tcp',
  '17': 'udp',
  '47': 'gre',
  '50': 'esp',
  '51': 'ah',
  '58': 'ipv6-icmp',
  '132': 'sctp',
};

/** IANA protocol number → ECS network.transport name. */
export function transportFromNumber(n: string | undefined): string | undefined {
  return n === undefined ? undefined : IANA_TRANSPORTS[n];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

/** Copy of an object without undefined values and empty sub-objects; undefined when nothing is left. */
function compactObject(src: Record<string, unknown>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const k in src) {
    let v = src[k];
    if (v === undefined) continue;
    if (isPlainObject(v)) {
      v = compactObject(v);
      if (v === undefined) continue;
    }
    (out ??= {})[k] = v;
  }
  return out;
}

/** Drops undefined values recursively (and objects left empty) so documents stay compact. */
export function compact<T>(value: T): T {
  if (!isPlainObject(value)) return value;
  return (compactObject(value) ?? {}) as T;
}

/**
 * `YYYY-MM-DD` + `HH:MM:SS` with an optional `±HHMM`/`±HH:MM` offset; without one the wall time is read
 * in `timeZone`. Undefined when invalid.
 */
export function dateFromParts(
  date: string | undefined,
  time: string | undefined,
  offset: string | undefined,
  timeZone: string,
): Date | undefined {
  if (!date || !time) return undefined;
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(time);
  if (!dm || !tm) return undefined;
  const [y, mo, d] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
  const [h, mi, s] = [Number(tm[1]), Number(tm[2]), Number(tm[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = tm[4] ? Number(tm[4].padEnd(3, '0')) : 0;
  const om = offset ? /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim()) : null;
  let t: number;
  if (om) {
    const sign = om[1] === '-' ? -1 : 1;
    t = Date.UTC(y, mo - 1, d, h, mi, s, ms) - sign * (Number(om[2]) * 60 + Number(om[3])) * 60000;
  } else {
    t = zonedToUtc(timeZone, y, mo, d, h, mi, s, ms);
  }
  const out = new Date(t);
  return Number.isNaN(t) || new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d ? undefined : out;
}
