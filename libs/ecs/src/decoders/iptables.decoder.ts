import type { DecodedFields } from '../ecs-document';
import type { Decoder } from './decoder';
import { intOrUndefined, ipOrUndefined, occursWithin, portOrUndefined, present } from './field-utils';

const PREFIX_RE = /^(?:kernel: )?(?:\[\s*\d+\.\d+\]\s*)?(.*?)\s*IN=/;
const KV_RE = /([A-Z]+)=(\S*)/g;
const FLAG_RE = /\b(CWR|ECE|URG|ACK|PSH|RST|SYN|FIN|DF|MF|CE)\b/g;

function actionFromPrefix(prefix: string): { action?: string; denied?: boolean } {
  const p = prefix.toUpperCase();
  if (/BLOCK|DROP|REJECT|DENY|DENIED/.test(p))
    return { action: /REJECT/.test(p) ? 'reject' : /DROP/.test(p) ? 'drop' : 'block', denied: true };
  if (/ALLOW|ACCEPT|PASS/.test(p)) return { action: 'accept', denied: false };
  if (/AUDIT|LOG/.test(p)) return { action: 'log' };
  return {};
}

/** Netfilter LOG target lines (`[UFW BLOCK] IN=eth0 OUT= MAC=… SRC=… DST=… PROTO=TCP SPT=… DPT=…`). */
export function decodeIptables(message: string): DecodedFields | undefined {
  const inAt = message.indexOf('IN=');
  if (inAt < 0 || !message.includes(' SRC=')) return undefined;
  const pm = PREFIX_RE.exec(message.slice(0, inAt + 3));
  const prefix = (pm?.[1] ?? '').trim();
  const body = message.slice(inAt);
  const kv: Record<string, string> = {};
  KV_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KV_RE.exec(body)) !== null) if (!(m[1]! in kv)) kv[m[1]!] = m[2]!;
  const src = ipOrUndefined(kv.SRC);
  const dst = ipOrUndefined(kv.DST);
  if (!src && !dst) return undefined;
  const flags = [...new Set(body.replace(KV_RE, ' ').match(FLAG_RE) ?? [])];
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(kv)) if (v !== '') fields[k.toLowerCase()] = v;
  if (prefix) fields.prefix = prefix;
  if (flags.length) fields.flags = flags.join(' ');
  const { action, denied } = actionFromPrefix(prefix);
  // MAC=dst(6):src(6):ethertype(2)
  let srcMac: string | undefined;
  let dstMac: string | undefined;
  const mac = kv.MAC?.split(':');
  if (mac && mac.length >= 12) {
    dstMac = mac.slice(0, 6).join(':');
    srcMac = mac.slice(6, 12).join(':');
  }
  const proto = present(kv.PROTO)?.toLowerCase();
  return {
    event: {
      module: 'iptables',
      dataset: 'iptables.log',
      action,
      category: ['network'],
      type: ['connection', ...(denied === true ? ['denied'] : denied === false ? ['allowed'] : [])],
      outcome: denied === true ? 'failure' : denied === false ? 'success' : undefined,
    },
    observer: {
      type: 'firewall',
      product: prefix.startsWith('[UFW') ? 'ufw' : 'netfilter',
      ingress: present(kv.IN) ? { interface: { name: kv.IN } } : undefined,
      egress: present(kv.OUT) ? { interface: { name: kv.OUT } } : undefined,
    },
    source: { ip: src, port: portOrUndefined(kv.SPT), mac: srcMac },
    destination: { ip: dst, port: portOrUndefined(kv.DPT), mac: dstMac },
    network: {
      transport: proto === 'icmpv6' ? 'ipv6-icmp' : proto,
      type: src?.includes(':') ? 'ipv6' : 'ipv4',
      bytes: intOrUndefined(kv.LEN),
      direction:
        present(kv.IN) && !present(kv.OUT) ? 'inbound' : !present(kv.IN) && present(kv.OUT) ? 'outbound' : undefined,
    },
    iptables: fields,
  };
}

export const iptablesDecoder: Decoder = {
  name: 'iptables',
  programs: ['kernel'],
  sniff: (message) => occursWithin(message, 'IN=', 256) && occursWithin(message, ' SRC=', 512),
  decode: ({ message }) => decodeIptables(message),
};
