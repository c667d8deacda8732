import type { DecodedFields } from '../ecs-document';
import type { Decoder, DecoderInput } from './decoder';
import { intOrUndefined, ipOrUndefined, occursWithin, present } from './field-utils';

/**
 * Common / combined log format (Apache `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"`, nginx `combined`),
 * with an optional leading virtual host (`vhost:port `) and trailing extra fields.
 */
const ACCESS_RE =
  /^(?:(\S+?)(?::(\d+))? (?=\S+ \S+ \S+ \[))?(\S+) (\S+) (\S+|"[^"]*") \[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;
const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

function unescape(v: string): string {
  return v.includes('\\')
    ? v
        .replace(/\\(["\\])/g, '$1')
        .replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : v;
}

function moduleFor(program: string | undefined): { module: string; dataset: string } {
  const p = (program ?? '').toLowerCase();
  if (p.startsWith('nginx')) return { module: 'nginx', dataset: 'nginx.access' };
  if (p.startsWith('apache') || p.startsWith('httpd')) return { module: 'apache', dataset: 'apache.access' };
  return { module: 'http', dataset: 'http.access' };
}

export function decodeAccessLog(message: string, program?: string): DecodedFields | undefined {
  const m = ACCESS_RE.exec(message);
  if (!m) return undefined;
  const [, vhost, vport, client, , user, dd, mon, yyyy, hh, mi, ss, tz, request, status, bytes, referrer, agent] = m;
  const month = MONTHS[mon!];
  let timestamp: Date | undefined;
  if (month !== undefined) {
    const sign = tz![0] === '-' ? -1 : 1;
    const off = sign * (Number(tz!.slice(1, 3)) * 60 + Number(tz!.slice(3, 5)));
    const t = Date.UTC(Number(yyyy), month, Number(dd), Number(hh), Number(mi), Number(ss)) - off * 60000;
    if (!Number.isNaN(t)) timestamp = new Date(t);
  }
  const req = unescape(request!);
  const parts = req.split(' ');
  const out: DecodedFields = {
    event: { ...moduleFor(program), category: ['web'], type: ['access'], kind: 'event' },
    timestamp,
  };
  const status_code = intOrUndefined(status);
  if (status_code !== undefined) {
    out.event!.outcome = status_code < 400 ? 'success' : 'failure';
    if (status_code >= 400) out.event!.type = ['access', 'error'];
  }
  const ip = ipOrUndefined(client);
  out.source = ip ? { ip } : { domain: client, address: client };
  if (ip) out.source.address = client;
  const u = present(user);
  if (u) out.user = { name: u };
  out.http = { response: { status_code, body: { bytes: intOrUndefined(bytes) } } };
  if (parts.length >= 2 && /^[A-Z]{3,16}$/.test(parts[0]!)) {
    out.http.request = { method: parts[0] };
    const target = parts.slice(1, parts.length >= 3 ? -1 : undefined).join(' ');
    const q = target.indexOf('?');
    out.url = {
      original: target,
      path: q >= 0 ? target.slice(0, q) : target,
      query: q >= 0 ? target.slice(q + 1) : undefined,
    };
    if (parts.length >= 3) {
      const v = /^HTTP\/(\d(?:\.\d)?)$/.exec(parts[parts.length - 1]!);
      if (v) out.http.version = v[1];
    }
  } else if (present(req)) {
    out.url = { original: req };
  }
  const ref = present(referrer);
  if (ref) out.http.request = { ...(out.http.request ?? {}), referrer: unescape(ref) };
  const ua = present(agent);
  if (ua) out.user_agent = { original: unescape(ua) };
  if (vhost && present(vhost)) out.url = { ...(out.url ?? {}), domain: vhost, port: intOrUndefined(vport) };
  return out;
}

export const accessLogDecoder: Decoder = {
  name: 'access-log',
  programs: ['nginx', 'apache', 'apache2', 'httpd', 'apache-access', 'nginx_access', 'haproxy'],
  sniff: (message) => occursWithin(message, ' [', 300) && occursWithin(message, '] "', 360),
  decode: ({ message, syslog }: DecoderInput) => decodeAccessLog(message, syslog.appName),
};
