import type { DecodedFields, EcsEvent } from '../ecs-document';
import type { Decoder } from './decoder';
import { dateFromParts, intOrUndefined, ipOrUndefined, occursWithin, portOrUndefined, present } from './field-utils';
import { parseKeyValues } from './kv-parser';

function categorise(kv: Record<string, string>): Partial<EcsEvent> {
  const logtype = kv.logtype ?? kv.id;
  const action = present(kv.action);
  if (logtype === 'auth' || (logtype === 'xvpn' && kv.user)) {
    const ok = kv.error === '0' || kv.error === undefined;
    return {
      category: ['authentication'],
      type: ['start'],
      outcome: ok ? 'success' : 'failure',
      action: 'authentication',
    };
  }
  if (logtype === 'alarm') {
    return {
      category: ['intrusion_detection', 'network'],
      type: action === 'block' ? ['denied'] : ['info'],
      action: action ?? 'alarm',
    };
  }
  if (logtype === 'system' || logtype === 'server')
    return { category: ['configuration'], type: ['info'], action: kv.msg ? 'system' : undefined };
  if (action) {
    const denied = action === 'block' || action === 'drop' || action === 'reject';
    return {
      category: ['network'],
      type: ['connection', denied ? 'denied' : 'allowed'],
      action,
      outcome: denied ? 'failure' : 'success',
    };
  }
  return { category: ['network'], type: ['info'] };
}

/** Stormshield SNS (WELF-like key=value, bare or inside an RFC 5424 message). */
export function decodeStormshield(message: string, timeZone: string): DecodedFields | undefined {
  const kv = parseKeyValues(message);
  if (!kv.fw || !(kv.time || kv.startime)) return undefined;
  const src = ipOrUndefined(kv.src);
  const dst = ipOrUndefined(kv.dst);
  const out: DecodedFields = {
    event: {
      ...categorise(kv),
      module: 'stormshield',
      dataset: `stormshield.${kv.logtype ?? 'log'}`,
      reason: present(kv.msg),
      severity: intOrUndefined(kv.pri),
    },
    observer: { vendor: 'Stormshield', product: 'SNS', type: 'firewall', serial_number: kv.fw, name: kv.fw },
    stormshield: kv,
    timestamp: dateFromParts(kv.time?.split(' ')[0], kv.time?.split(' ')[1], kv.tz, timeZone),
  };
  if (src || kv.srcport) {
    out.source = {
      ip: src,
      port: portOrUndefined(kv.srcport),
      domain: present(kv.srcname),
      mac: present(kv.srcmac),
      bytes: intOrUndefined(kv.sent),
    };
  }
  if (dst || kv.dstport) {
    out.destination = {
      ip: dst,
      port: portOrUndefined(kv.dstport),
      domain: present(kv.dstname),
      bytes: intOrUndefined(kv.rcvd),
    };
  }
  if (kv.srcif || kv.srcifname)
    out.observer!.ingress = { interface: { name: kv.srcifname ?? kv.srcif, alias: kv.srcif } };
  if (kv.dstif || kv.dstifname)
    out.observer!.egress = { interface: { name: kv.dstifname ?? kv.dstif, alias: kv.dstif } };
  const transport = present(kv.ipproto);
  const proto = present(kv.proto);
  if (transport || proto)
    out.network = { transport, protocol: proto, type: kv.ipv === '6' ? 'ipv6' : kv.ipv === '4' ? 'ipv4' : undefined };
  if (present(kv.user)) out.user = { name: kv.user, domain: present(kv.domain) };
  if (present(kv.ruleid)) out.rule = { id: kv.ruleid };
  return out;
}

export const stormshieldDecoder: Decoder = {
  name: 'stormshield',
  programs: ['asqd', 'serverd', 'filterd', 'firewalld', 'sslvpnd', 'ikev2', 'fwd'],
  sniff: (message) =>
    occursWithin(message, ' fw="', 256) &&
    (message.startsWith('id=firewall') || occursWithin(message, 'startime="', 320)),
  decode: ({ message, timeZone }) => decodeStormshield(message, timeZone),
};
