import { MAX_PRI } from './facility-severity';
import { parseRfc3164 } from './rfc3164-parser';
import { parseRfc5424 } from './rfc5424-parser';
import { DEFAULT_TIME_ZONE, SyslogTags, type SyslogMessage, type SyslogParseContext } from './syslog-message';
import { isValidTimeZone } from './zoned-time';

/** PRI assumed when a message has none (RFC 3164 §4.3.3): user.notice. */
export const DEFAULT_PRI = 13;

function trimEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c === 10 || c === 13 || c === 0) end--;
    else break;
  }
  return end === line.length ? line : line.slice(0, end);
}

/** Reads `<PRI>` at the start; returns [pri, index after `>`] or undefined. */
function readPri(line: string): [number, number] | undefined {
  if (line.charCodeAt(0) !== 60 /* < */) return undefined;
  let v = 0;
  let i = 1;
  for (; i < 5 && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 62 /* > */) break;
    if (c < 48 || c > 57) return undefined;
    v = v * 10 + (c - 48);
  }
  if (i === 1 || line.charCodeAt(i) !== 62 || v > MAX_PRI) return undefined;
  return [v, i + 1];
}

/**
 * Parses one syslog line (RFC 5424, RFC 3164 and their common variants, auto-detected).
 * Never throws: anything unrecognised ends up in `message` with explanatory tags.
 */
export function parseSyslog(line: string, ctx: SyslogParseContext): SyslogMessage {
  const out: SyslogMessage = { format: 'unknown', message: '', tags: [] };
  try {
    const text = trimEnd(typeof line === 'string' ? line : String(line));
    let timeZone = ctx.timeZone ?? DEFAULT_TIME_ZONE;
    if (!isValidTimeZone(timeZone)) {
      out.tags.push(SyslogTags.invalidTimeZone);
      timeZone = 'UTC';
    }
    const receivedAt = ctx.receivedAt instanceof Date ? ctx.receivedAt : new Date(NaN);
    const pri = readPri(text);
    let pos = 0;
    if (pri) {
      out.pri = pri[0];
      pos = pri[1];
    } else {
      out.pri = DEFAULT_PRI;
      out.tags.push(text.charCodeAt(0) === 60 && /^<[^>]{0,4}>/.test(text) ? SyslogTags.invalidPri : SyslogTags.noPri);
      if (out.tags[out.tags.length - 1] === SyslogTags.invalidPri) pos = text.indexOf('>') + 1;
    }
    out.facility = out.pri >> 3;
    out.severity = out.pri & 7;
    const c = text.charCodeAt(pos);
    if (pri && c >= 49 && c <= 57 && parseRfc5424(text, pos, timeZone, out)) return out;
    parseRfc3164(text, pos, timeZone, receivedAt, pri !== undefined, out);
    return out;
  } catch {
    // Defensive: the parsers are written not to throw; keep the line whatever happens.
    out.message = typeof line === 'string' ? line : '';
    return out;
  }
}
