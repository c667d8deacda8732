import { FieldProblem } from '@vigie/contracts';
import { cutMessage, CutMessage } from './cut-message';

/**
 * Reading the body of `POST /api/v1/ingest` into raw messages.
 *
 * - `text/plain`: each non-blank line is a syslog message.
 * - `application/x-ndjson`: each non-blank line is a JSON object. An object
 *   made only of `message` (string) and optionally `host` (string) and
 *   `timestamp` (ISO 8601 string, or epoch seconds or milliseconds) is a
 *   message: with neither `host` nor `timestamp`, or when `message` starts
 *   with a syslog PRI, `message` is the raw line; otherwise the raw line is
 *   `<timestamp> <host> <message>` (RFC 3164 layout without PRI, which the
 *   header parser reads). Any other object is itself the event and its line
 *   is kept verbatim as the raw message (the JSON decoders read it).
 * - `application/json`: one such object, or an array of them.
 *
 * Nothing else in a line (a `member` field, say) can choose the member: that
 * comes from the API key alone.
 */
export type IngestFormat = 'text' | 'ndjson' | 'json';

/** The body cannot be read; `fields` name the lines at fault (`line[3]`, 1-based). */
export class IngestBodyError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'IngestBodyError';
  }
}

const MESSAGE_KEYS = new Set(['message', 'host', 'timestamp']);
const MAX_REPORTED_PROBLEMS = 20;

/** The format from a Content-Type header, or `undefined` when not accepted. */
export function ingestFormat(contentType: string | undefined): IngestFormat | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/plain') return 'text';
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonlines') return 'ndjson';
  if (type === 'application/json') return 'json';
  return undefined;
}

function lines(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  text.split('\n').forEach((l, i) => {
    const t = l.endsWith('\r') ? l.slice(0, -1) : l;
    if (t.trim()) out.push({ line: i + 1, text: t });
  });
  return out;
}

function timestampOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) {
    const d = new Date(v > 1e11 ? v : v * 1000);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (typeof v === 'string' && v.trim()) {
    const s = v.trim();
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) return s;
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  return undefined;
}

function isMessageObject(o: Record<string, unknown>): boolean {
  return (
    typeof o.message === 'string' &&
    Object.keys(o).every((k) => MESSAGE_KEYS.has(k)) &&
    (o.host === undefined || typeof o.host === 'string') &&
    (o.timestamp === undefined || typeof o.timestamp === 'string' || typeof o.timestamp === 'number')
  );
}

/** The raw line for one JSON object (see the module comment). */
export function rawFromObject(o: Record<string, unknown>, verbatim: string, receivedAt: Date): string {
  if (!isMessageObject(o)) return verbatim;
  const message = o.message as string;
  const host = typeof o.host === 'string' ? o.host.trim().replace(/\s+/g, '_') : '';
  if ((!host && o.timestamp === undefined) || /^<\d{1,3}>/.test(message)) return message;
  const ts = timestampOf(o.timestamp) ?? receivedAt.toISOString();
  return host ? `${ts} ${host} ${message}` : `${ts} ${message}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The messages of a body, each cut to `maxMessageSize` bytes. Throws
 * IngestBodyError when any line is unreadable: a body is taken whole or not
 * at all, so a sender can fix it and resend without duplicates.
 */
export function readIngestBody(
  body: unknown,
  format: IngestFormat,
  maxMessageSize: number,
  receivedAt: Date = new Date(),
): CutMessage[] {
  if (format === 'text') {
    if (typeof body !== 'string') throw new IngestBodyError('malformed_body', 'Expected a text body');
    return lines(body).map((l) => cutMessage(l.text, maxMessageSize));
  }
  if (format === 'ndjson') {
    if (typeof body !== 'string') throw new IngestBodyError('malformed_body', 'Expected an NDJSON body');
    const problems: FieldProblem[] = [];
    const out: CutMessage[] = [];
    for (const l of lines(body)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(l.text);
      } catch (e) {
        problems.push({ field: `line[${l.line}]`, problem: `not JSON: ${(e as Error).message}` });
        continue;
      }
      if (!isObject(parsed)) {
        problems.push({ field: `line[${l.line}]`, problem: 'not a JSON object' });
        continue;
      }
      out.push(cutMessage(rawFromObject(parsed, l.text.trim(), receivedAt), maxMessageSize));
    }
    if (problems.length) {
      throw new IngestBodyError(
        'malformed_lines',
        `${problems.length} line(s) are not JSON objects; nothing was accepted`,
        problems.slice(0, MAX_REPORTED_PROBLEMS),
      );
    }
    return out;
  }
  const items = Array.isArray(body) ? body : [body];
  const problems: FieldProblem[] = [];
  items.forEach((item, i) => {
    if (!isObject(item)) problems.push({ field: Array.isArray(body) ? `[${i}]` : 'body', problem: 'not a JSON object' });
  });
  if (problems.length) {
    throw new IngestBodyError('malformed_body', 'Expected a JSON object or an array of objects', problems.slice(0, MAX_REPORTED_PROBLEMS));
  }
  return (items as Array<Record<string, unknown>>).map((o) =>
    cutMessage(rawFromObject(o, JSON.stringify(o), receivedAt), maxMessageSize),
  );
}
