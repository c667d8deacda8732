import { readBsdTimestamp, readIsoTimestamp, type TimestampMatch } from './timestamp-parser';
import { SyslogTags, type SyslogMessage } from './syslog-message';

/** Cisco IOS sequence number (`123: `) placed before the timestamp. */
const CISCO_SEQ_RE = /\d{1,10}: /y;
/** Cisco origin hostname placed before the timestamp (`router1: *Mar  1 …`). */
const ORIGIN_HOST_RE = /([A-Za-z0-9][A-Za-z0-9._-]{0,253}): /y;
/** Hostname token: letters, digits, `.-_`, IPv6 colons, `%` zone ids, `@`; must not end with `:`. */
const HOST_RE = /[A-Za-z0-9_][A-Za-z0-9._\-:%@]{0,254}(?= |$)/y;
/** TAG (`sshd[123]:`, `su:`, `postfix/smtpd[99]:`) followed by a space or the end. */
const TAG_RE = /([\w.\-/()@#$+~!*&'^,][\w.\-/()@#$+~!*&'^,%]{0,127})(?:\[([^\]\s]{0,64})\])?:(?: |$)/y;
/** TAG with a PID but no colon (`sshd[123] message`). */
const TAG_NO_COLON_RE = /([\w.\-/()@#$+~!*&'^,][\w.\-/()@#$+~!*&'^,%]{0,127})\[(\d{1,10})\](?: |$)/y;

function readTimestamp(line: string, pos: number, timeZone: string, receivedAt: Date): TimestampMatch | undefined {
  const c = line.charCodeAt(pos);
  if (c >= 48 && c <= 57) return readIsoTimestamp(line, pos, timeZone);
  return readBsdTimestamp(line, pos, timeZone, receivedAt);
}

function skipSpaces(line: string, pos: number): number {
  while (line.charCodeAt(pos) === 32) pos++;
  return pos;
}

/** Reads a TAG at `pos`; returns the index after it, or -1. */
function readTag(line: string, pos: number, out: SyslogMessage): number {
  TAG_RE.lastIndex = pos;
  let m = TAG_RE.exec(line);
  let end = TAG_RE.lastIndex;
  if (!m) {
    TAG_NO_COLON_RE.lastIndex = pos;
    m = TAG_NO_COLON_RE.exec(line);
    end = TAG_NO_COLON_RE.lastIndex;
  }
  if (!m) return -1;
  out.appName = m[1];
  if (m[2]) out.procId = m[2];
  return end;
}

/**
 * RFC 3164 and its real-world variants, after the PRI (or from the start when there is none).
 * Always fills `out.message`; sets `format` to `rfc3164` when a header was recognised.
 */
export function parseRfc3164(
  line: string,
  pos: number,
  timeZone: string,
  receivedAt: Date,
  hasPri: boolean,
  out: SyslogMessage,
): void {
  let i = pos;
  const len = line.length;
  // Cisco: `<189>123: *Mar  1 …` or `<189>123: router1: Mar  1 …`.
  CISCO_SEQ_RE.lastIndex = i;
  if (CISCO_SEQ_RE.test(line)) {
    const afterSeq = CISCO_SEQ_RE.lastIndex;
    if (
      readTimestamp(line, afterSeq, timeZone, receivedAt) ||
      startsWithOriginHost(line, afterSeq, timeZone, receivedAt)
    ) {
      i = afterSeq;
    }
  }
  // Leading spaces some senders put after the PRI.
  i = skipSpaces(line, i);
  let ts = readTimestamp(line, i, timeZone, receivedAt);
  let originHost: string | undefined;
  if (!ts) {
    ORIGIN_HOST_RE.lastIndex = i;
    const hm = ORIGIN_HOST_RE.exec(line);
    if (hm) {
      const t = readTimestamp(line, ORIGIN_HOST_RE.lastIndex, timeZone, receivedAt);
      if (t) {
        originHost = hm[1];
        ts = t;
      }
    }
  }
  if (!ts) {
    // No timestamp: RFC 3164 §4.3.3 treats everything as CONTENT. Still pick up a leading TAG.
    out.tags.push(SyslogTags.noTimestamp);
    if (hasPri) out.format = 'rfc3164';
    const afterTag = readTag(line, i, out);
    out.message = afterTag >= 0 ? line.slice(afterTag) : line.slice(i);
    return;
  }
  out.format = 'rfc3164';
  if (ts.date) out.timestamp = ts.date;
  else out.tags.push(SyslogTags.invalidTimestamp);
  if (ts.unsynchronised) out.tags.push(SyslogTags.unsynchronisedClock);
  if (originHost) out.hostname = originHost;
  i = skipSpaces(line, ts.end);
  if (i >= len) {
    out.message = '';
    return;
  }
  // HOSTNAME, unless the next token is already the TAG or a Cisco `%FAC-SEV-MNEMONIC`.
  if (!originHost) {
    const afterTag = readTag(line, i, out);
    if (afterTag >= 0) {
      out.message = line.slice(afterTag);
      return;
    }
    if (line.charCodeAt(i) !== 37 /* % */) {
      HOST_RE.lastIndex = i;
      if (HOST_RE.test(line)) {
        out.hostname = line.slice(i, HOST_RE.lastIndex);
        i = skipSpaces(line, HOST_RE.lastIndex);
        // Cisco ASA and others: `host : %ASA-…`.
        if (line.charCodeAt(i) === 58 && (i + 1 === len || line.charCodeAt(i + 1) === 32)) i = skipSpaces(line, i + 1);
      }
    }
  }
  if (i < len && line.charCodeAt(i) !== 37) {
    const afterTag = readTag(line, i, out);
    if (afterTag >= 0) i = afterTag;
  }
  out.message = line.slice(i);
}

function startsWithOriginHost(line: string, pos: number, timeZone: string, receivedAt: Date): boolean {
  ORIGIN_HOST_RE.lastIndex = pos;
  if (!ORIGIN_HOST_RE.test(line)) return false;
  return readTimestamp(line, ORIGIN_HOST_RE.lastIndex, timeZone, receivedAt) !== undefined;
}
