import type { DecodedFields } from '../ecs-document';
import type { Decoder } from './decoder';
import { intOrUndefined, ipOrUndefined, occursWithin, portOrUndefined } from './field-utils';
import { parseCefExtension } from './cef.decoder';

export interface LeefRecord {
  version: string;
  vendor: string;
  product: string;
  productVersion: string;
  eventId: string;
  delimiter: string;
  attributes: Record<string, string>;
}

/** LEEF 2.0 delimiter field: a single character, or its hex code as `x09` / `0x09` / `\x09`. */
function delimiterFrom(field: string): string | undefined {
  if (field.length === 1) return field;
  const m = /^(?:\\?x|0x)([0-9a-f]{1,4})$/i.exec(field);
  if (m) return String.fromCharCode(parseInt(m[1]!, 16));
  if (field === '\\t') return '\t';
  return undefined;
}

/** LEEF 1.0 (`LEEF:1.0|Vendor|Product|Version|EventID|attrs`, tab-separated) and 2.0 (custom delimiter). */
export function parseLeef(message: string): LeefRecord | undefined {
  if (!occursWithin(message, 'LEEF:', 256)) return undefined;
  const at = message.indexOf('LEEF:');
  const body = message.slice(at + 5);
  const parts: string[] = [];
  let pos = 0;
  for (let n = 0; n < 5; n++) {
    const bar = body.indexOf('|', pos);
    if (bar < 0) return undefined;
    parts.push(body.slice(pos, bar));
    pos = bar + 1;
  }
  const [version, vendor, product, productVersion, eventId] = parts as [string, string, string, string, string];
  let delimiter = '\t';
  if (version.startsWith('2')) {
    const bar = body.indexOf('|', pos);
    // The delimiter field is optional in practice: only take it when it is short and not an attribute.
    if (bar >= 0 && bar - pos <= 6 && !body.slice(pos, bar).includes('=')) {
      const d = delimiterFrom(body.slice(pos, bar));
      if (d !== undefined) delimiter = d;
      pos = bar + 1;
    } else if (bar === pos) pos = bar + 1;
  }
  const text = body.slice(pos);
  let attributes: Record<string, string> = {};
  if (text.includes(delimiter)) {
    for (const pair of text.split(delimiter)) {
      const eq = pair.indexOf('=');
      if (eq > 0) attributes[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
    }
  } else if (text.includes('=')) {
    // Senders that used spaces (or lost their tabs in transit): fall back to CEF-style splitting.
    attributes = parseCefExtension(text);
  }
  return { version, vendor, product, productVersion, eventId, delimiter, attributes };
}

export function leefToEcs(r: LeefRecord): DecodedFields {
  const a = r.attributes;
  const src = ipOrUndefined(a.src);
  const dst = ipOrUndefined(a.dst);
  const out: DecodedFields = {
    event: {
      module: 'leef',
      dataset: 'leef.log',
      code: r.eventId,
      severity: intOrUndefined(a.sev),
      action: a.action ?? a.act,
    },
    observer: { vendor: r.vendor, product: r.product, version: r.productVersion },
    leef: { version: r.version, event_id: r.eventId, attributes: a },
  };
  if (src || a.srcPort || a.srcMAC) {
    out.source = {
      ip: src,
      port: portOrUndefined(a.srcPort),
      mac: a.srcMAC,
      bytes: intOrUndefined(a.srcBytes),
      packets: intOrUndefined(a.srcPackets),
    };
    const natIp = ipOrUndefined(a.srcPostNAT);
    if (natIp) out.source.nat = { ip: natIp, port: portOrUndefined(a.srcPostNATPort) };
  }
  if (dst || a.dstPort || a.dstMAC) {
    out.destination = {
      ip: dst,
      port: portOrUndefined(a.dstPort),
      mac: a.dstMAC,
      bytes: intOrUndefined(a.dstBytes),
      packets: intOrUndefined(a.dstPackets),
    };
    const natIp = ipOrUndefined(a.dstPostNAT);
    if (natIp) out.destination.nat = { ip: natIp, port: portOrUndefined(a.dstPostNATPort) };
  }
  const user = a.usrName ?? a.accountName;
  if (user) out.user = { name: user, domain: a.domain };
  if (a.proto) out.network = { transport: a.proto.toLowerCase() };
  if (a.url) out.url = { original: a.url };
  if (a.userAgent) out.user_agent = { original: a.userAgent };
  if (a.msg) out.message = a.msg;
  return out;
}

export const leefDecoder: Decoder = {
  name: 'leef',
  programs: ['leef'],
  sniff: (message) => occursWithin(message, 'LEEF:', 256),
  decode: ({ message }) => {
    const r = parseLeef(message);
    return r ? leefToEcs(r) : undefined;
  },
};
