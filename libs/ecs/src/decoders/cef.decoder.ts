import type { DecodedFields, EcsEndpoint } from '../ecs-document';
import type { Decoder } from './decoder';
import { intOrUndefined, ipOrUndefined, occursWithin, portOrUndefined } from './field-utils';

export interface CefRecord {
  version: string;
  vendor: string;
  product: string;
  deviceVersion: string;
  eventClassId: string;
  name: string;
  severity: string;
  extensions: Record<string, string>;
}

/** Splits the 7 header fields (`\|` and `\\` escapes); returns them and where the extension starts. */
function splitHeader(text: string, start: number): { fields: string[]; end: number } | undefined {
  const fields: string[] = [];
  let cur = '';
  let i = start;
  let chunk = i;
  while (i < text.length && fields.length < 7) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */ && i + 1 < text.length) {
      const n = text.charCodeAt(i + 1);
      if (n === 124 || n === 92) {
        cur += text.slice(chunk, i);
        chunk = i + 1;
        i += 2;
        continue;
      }
    }
    if (c === 124 /* | */) {
      fields.push(cur + text.slice(chunk, i));
      cur = '';
      i++;
      chunk = i;
      continue;
    }
    i++;
  }
  if (fields.length < 7) {
    // Header without extension (no trailing pipe after severity).
    if (fields.length === 6) {
      fields.push(cur + text.slice(chunk, i));
      return { fields, end: text.length };
    }
    return undefined;
  }
  return { fields, end: i };
}

function unescapeExtension(v: string): string {
  if (!v.includes('\\')) return v;
  return v.replace(/\\([\\=nr|])/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/** CEF extension: `key=value` pairs; values run until the next unescaped ` key=` and may contain spaces. */
export function parseCefExtension(ext: string): Record<string, string> {
  const out: Record<string, string> = {};
  const keyRe = /(?:^|\s)([\w.\-[\]]+)=/g;
  const keys: { key: string; valueStart: number; matchStart: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = keyRe.exec(ext)) !== null) {
    // Skip `=` preceded by a backslash (escaped): the regex only matches key characters, so check the char before '='.
    const eq = keyRe.lastIndex - 1;
    let bs = 0;
    for (let j = eq - 1; j >= 0 && ext.charCodeAt(j) === 92; j--) bs++;
    if (bs % 2 === 1) continue;
    keys.push({ key: m[1]!, valueStart: keyRe.lastIndex, matchStart: m.index + (m[0].length - m[1]!.length - 1) });
  }
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const end = i + 1 < keys.length ? keys[i + 1]!.matchStart : ext.length;
    out[k.key] = unescapeExtension(ext.slice(k.valueStart, end).trim());
  }
  return out;
}

export function parseCef(message: string): CefRecord | undefined {
  if (!occursWithin(message, 'CEF:', 256)) return undefined;
  const at = message.indexOf('CEF:');
  const h = splitHeader(message, at + 4);
  if (!h) return undefined;
  const [version, vendor, product, deviceVersion, eventClassId, name, severity] = h.fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    version,
    vendor,
    product,
    deviceVersion,
    eventClassId,
    name,
    severity,
    extensions: parseCefExtension(message.slice(h.end)),
  };
}

/** CEF severity (0-10 or Low/Medium/High/Very-High) → number. */
function severityNumber(s: string): number | undefined {
  const n = intOrUndefined(s);
  if (n !== undefined) return n;
  switch (s.toLowerCase()) {
    case 'low':
      return 2;
    case 'medium':
      return 5;
    case 'high':
      return 8;
    case 'very-high':
    case 'very high':
      return 10;
    default:
      return undefined;
  }
}

function endpoint(x: Record<string, string>, p: 's' | 'd'): EcsEndpoint | undefined {
  const e: EcsEndpoint = {
    ip: ipOrUndefined(p === 's' ? x.src : x.dst),
    port: portOrUndefined(p === 's' ? x.spt : x.dpt),
    domain: x[`${p}host`],
    mac: x[`${p}mac`],
    user: x[`${p}user`] || x[`${p}uid`] ? { name: x[`${p}user`], id: x[`${p}uid`] } : undefined,
  };
  const natIp = ipOrUndefined(p === 's' ? x.sourceTranslatedAddress : x.destinationTranslatedAddress);
  const natPort = portOrUndefined(p === 's' ? x.sourceTranslatedPort : x.destinationTranslatedPort);
  if (natIp || natPort !== undefined) e.nat = { ip: natIp, port: natPort };
  return e.ip || e.port !== undefined || e.domain || e.mac || e.user || e.nat ? e : undefined;
}

export function cefToEcs(r: CefRecord): DecodedFields {
  const x = r.extensions;
  const out: DecodedFields = {
    event: {
      module: 'cef',
      dataset: 'cef.log',
      code: r.eventClassId,
      action: x.act,
      severity: severityNumber(r.severity),
      outcome: x.outcome === 'success' || x.outcome === 'failure' ? x.outcome : undefined,
      reason: x.reason,
    },
    observer: {
      vendor: r.vendor,
      product: r.product,
      version: r.deviceVersion,
      hostname: x.dvchost,
      ip: ipOrUndefined(x.dvc) ? [ipOrUndefined(x.dvc)!] : undefined,
    },
    source: endpoint(x, 's'),
    destination: endpoint(x, 'd'),
    cef: { version: r.version, name: r.name, device: { event_class_id: r.eventClassId }, extensions: x },
  };
  const bytesIn = intOrUndefined(x.in);
  const bytesOut = intOrUndefined(x.out);
  if (bytesIn !== undefined && out.source) out.source.bytes = bytesIn;
  if (bytesOut !== undefined && out.destination) out.destination.bytes = bytesOut;
  if (x.proto) out.network = { transport: x.proto.toLowerCase(), protocol: x.app?.toLowerCase() };
  if (x.request) out.url = { original: x.request };
  if (x.requestMethod) out.http = { request: { method: x.requestMethod } };
  if (x.requestClientApplication) out.user_agent = { original: x.requestClientApplication };
  if (x.fname || x.filePath) out.file = { name: x.fname, path: x.filePath };
  if (x.sproc || x.spid) out.process = { name: x.sproc, pid: intOrUndefined(x.spid) };
  if (x.suser) out.user = { name: x.suser, domain: x.sntdom };
  else if (x.duser) out.user = { name: x.duser, domain: x.dntdom };
  if (x.msg) out.message = x.msg;
  return out;
}

export const cefDecoder: Decoder = {
  name: 'cef',
  programs: ['cef'],
  sniff: (message) => occursWithin(message, 'CEF:', 256),
  decode: ({ message }) => {
    const r = parseCef(message);
    return r ? cefToEcs(r) : undefined;
  },
};
