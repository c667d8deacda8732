import { parseStructuredData } from './structured-data-parser';
import { readIsoTimestamp } from './timestamp-parser';
import { SyslogTags, type SyslogMessage } from './syslog-message';

const BOM = '\uFEFF';

function nil(token: string): string | undefined {
  return token === '-' || token === '' ? undefined : token;
}

/**
 * RFC 5424 after the PRI: `VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]`.
 * Returns undefined when the header does not have that shape (the caller then tries RFC 3164).
 */
export function parseRfc5424(line: string, pos: number, timeZone: string, out: SyslogMessage): boolean {
  let i = pos;
  const len = line.length;
  let v = 0;
  let digits = 0;
  while (i < len && digits < 3) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    i++;
    digits++;
  }
  if (digits === 0 || v === 0 || line.charCodeAt(i) !== 32) return false;
  i++;
  // TIMESTAMP must be NILVALUE or start with a 4-digit year, otherwise this is not RFC 5424.
  const tsEnd = line.indexOf(' ', i);
  if (tsEnd < 0) return false;
  const tsToken = line.slice(i, tsEnd);
  let timestamp: Date | undefined;
  const tags: string[] = [];
  if (tsToken === '-') {
    tags.push(SyslogTags.noTimestamp);
  } else {
    if (!/^\d{4}-/.test(tsToken)) return false;
    const m = readIsoTimestamp(tsToken.replace(' ', 'T'), 0, timeZone);
    if (m?.date && m.end === tsToken.length) timestamp = m.date;
    else tags.push(SyslogTags.invalidTimestamp);
  }
  i = tsEnd + 1;
  const fields: string[] = [];
  for (let f = 0; f < 4; f++) {
    const sp = line.indexOf(' ', i);
    if (sp < 0) {
      // Header cut short: keep what is there.
      fields.push(line.slice(i));
      i = len;
      break;
    }
    fields.push(line.slice(i, sp));
    i = sp + 1;
  }
  out.format = 'rfc5424';
  out.version = v;
  out.timestamp = timestamp;
  out.hostname = nil(fields[0] ?? '-');
  out.appName = nil(fields[1] ?? '-');
  out.procId = nil(fields[2] ?? '-');
  out.msgId = nil(fields[3] ?? '-');
  out.tags.push(...tags);
  if (i >= len) {
    out.message = '';
    return true;
  }
  const sd = parseStructuredData(line, i);
  let msgStart: number;
  if (sd.ok) {
    if (sd.data) out.structuredData = sd.data;
    msgStart = sd.end < len ? sd.end + 1 : len;
  } else {
    out.tags.push(SyslogTags.invalidStructuredData);
    msgStart = i;
  }
  let message = line.slice(msgStart);
  if (message.startsWith(BOM)) message = message.slice(1);
  out.message = message;
  return true;
}
