import type { DecodedFields, EcsEvent } from '../ecs-document';
import type { Decoder } from './decoder';
import {
  dateFromParts,
  intOrUndefined,
  ipOrUndefined,
  occursWithin,
  portOrUndefined,
  present,
  transportFromNumber,
} from './field-utils';
import { parseKeyValues } from './kv-parser';

const ALLOWED = new Set([
  'accept',
  'close',
  'timeout',
  'server-rst',
  'client-rst',
  'ip-conn',
  'start',
  'pass',
  'passthrough',
]);
const DENIED = new Set(['deny', 'block', 'blocked', 'dropped', 'drop', 'reject']);

function categorise(kv: Record<string, string>): Partial<EcsEvent> {
  const type = kv.type;
  const action = present(kv.action);
  const status = present(kv.status);
  if (type === 'traffic') {
    const denied = action !== undefined && DENIED.has(action);
    const allowed = action !== undefined && ALLOWED.has(action);
    return {
      category: ['network'],
      type: ['connection', ...(denied ? ['denied'] : allowed ? ['allowed'] : [])],
      action,
      outcome: denied ? 'failure' : allowed ? 'success' : undefined,
    };
  }
  if (type === 'utm') {
    const sub = kv.subtype ?? '';
    const category =
      sub === 'virus'
        ? ['malware']
        : sub === 'ips' || sub === 'anomaly'
          ? ['intrusion_detection']
          : sub === 'webfilter'
            ? ['web']
            : ['network'];
    return { category, type: action && DENIED.has(action) ? ['denied'] : ['info'], action };
  }
  if (type === 'event') {
    const desc = (kv.logdesc ?? kv.msg ?? '').toLowerCase();
    if (action === 'login' || action === 'logout' || desc.includes('login') || desc.includes('authentication')) {
      const failed = status === 'failed' || status === 'failure' || desc.includes('fail');
      return {
        category: ['authentication'],
        type: [action === 'logout' ? 'end' : 'start'],
        action: action ?? 'login',
        outcome: failed ? 'failure' : status === 'success' ? 'success' : undefined,
      };
    }
    return { category: ['configuration'], type: ['info'], action };
  }
  return { category: ['network'], type: ['info'], action };
}

/** FortiGate key=value logs (`date=… time=… devname="…" devid="…" type="traffic" …`). */
export function decodeFortigate(message: string, timeZone: string): DecodedFields | undefined {
  const kv = parseKeyValues(message);
  if (!kv.devid || !kv.type) return undefined;
  const src = ipOrUndefined(kv.srcip);
  const dst = ipOrUndefined(kv.dstip);
  const out: DecodedFields = {
    event: {
      ...categorise(kv),
      module: 'fortinet',
      dataset: 'fortinet.firewall',
      code: present(kv.logid),
      reason: present(kv.msg),
    },
    log: { level: present(kv.level) },
    observer: {
      vendor: 'Fortinet',
      product: 'FortiGate',
      type: 'firewall',
      name: present(kv.devname),
      serial_number: kv.devid,
    },
    fortinet: { firewall: kv },
    timestamp: dateFromParts(kv.date, kv.time, kv.tz, timeZone),
  };
  if (src || kv.srcport) {
    out.source = {
      ip: src,
      port: portOrUndefined(kv.srcport),
      mac: present(kv.srcmac),
      bytes: intOrUndefined(kv.sentbyte),
      packets: intOrUndefined(kv.sentpkt),
      domain: present(kv.srcname),
    };
    if (kv.user) out.source.user = { name: kv.user };
    const natIp = ipOrUndefined(kv.transip);
    if (natIp) out.source.nat = { ip: natIp, port: portOrUndefined(kv.transport) };
  }
  if (dst || kv.dstport) {
    out.destination = {
      ip: dst,
      port: portOrUndefined(kv.dstport),
      bytes: intOrUndefined(kv.rcvdbyte),
      packets: intOrUndefined(kv.rcvdpkt),
    };
    if (kv.dstcountry && kv.dstcountry !== 'Reserved') out.destination.geo = { country_name: kv.dstcountry };
  }
  if (kv.srcintf) out.observer!.ingress = { interface: { name: kv.srcintf } };
  if (kv.dstintf) out.observer!.egress = { interface: { name: kv.dstintf } };
  if (kv.proto || kv.service) {
    out.network = {
      iana_number: present(kv.proto),
      transport: transportFromNumber(kv.proto),
      protocol: present(kv.service)?.toLowerCase(),
      application: present(kv.app)?.toLowerCase(),
    };
  }
  if (kv.policyid || kv.policyname)
    out.rule = { id: present(kv.policyid), name: present(kv.policyname), uuid: present(kv.poluuid) };
  if (present(kv.user)) out.user = { name: kv.user };
  if (kv.type === 'event' && present(kv.ui)) {
    const m = /\(([^)]+)\)$/.exec(kv.ui!);
    const ip = ipOrUndefined(m?.[1]);
    if (ip) out.source = { ...(out.source ?? {}), ip };
  }
  if (present(kv.hostname) || present(kv.url)) out.url = { domain: present(kv.hostname), path: present(kv.url) };
  return out;
}

export const fortigateDecoder: Decoder = {
  name: 'fortigate',
  sniff: (message) => occursWithin(message, 'devid=', 256) && occursWithin(message, 'type=', 512),
  decode: ({ message, timeZone }) => decodeFortigate(message, timeZone),
};
