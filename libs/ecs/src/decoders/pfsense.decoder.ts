import type { DecodedFields } from '../ecs-document';
import type { Decoder } from './decoder';
import { intOrUndefined, ipOrUndefined, portOrUndefined, present } from './field-utils';

/**
 * pfSense / OPNsense `filterlog` CSV (Netgate "raw filter log format"):
 * rule,sub-rule,anchor,tracker,interface,reason,action,direction,ip-version, then IPv4
 * (tos,ecn,ttl,id,offset,flags,proto-id,proto,length,src,dst) or IPv6
 * (class,flow-label,hop-limit,proto,proto-id,length,src,dst), then protocol data.
 */
const FILTERLOG_SNIFF = /^\d*,[^,]*,[^,]*,[^,]*,[^,]+,[^,]*,(?:pass|block|reject|match),(?:in|out),[46],/;

export function decodeFilterlog(message: string): DecodedFields | undefined {
  const f = message.split(',');
  if (f.length < 17) return undefined;
  const [rule, subRule, anchor, tracker, iface, reason, action, direction, ipVersion] = f;
  if (ipVersion !== '4' && ipVersion !== '6') return undefined;
  if (!action || !/^(pass|block|reject|match|binat|nat|rdr|scrub)$/.test(action)) return undefined;
  let i = 9;
  const fields: Record<string, string> = {
    rule_number: rule!,
    sub_rule_number: subRule!,
    anchor: anchor!,
    tracker: tracker!,
    interface: iface!,
    reason: reason!,
    action: action,
    direction: direction!,
    ip_version: ipVersion,
  };
  let protoName: string;
  let protoId: string;
  let src: string;
  let dst: string;
  if (ipVersion === '4') {
    const [tos, ecn, ttl, id, offset, flags, pid, pname, length, s, d] = f.slice(i, i + 11);
    Object.assign(fields, {
      tos: tos ?? '',
      ecn: ecn ?? '',
      ttl: ttl ?? '',
      id: id ?? '',
      offset: offset ?? '',
      flags: flags ?? '',
      length: length ?? '',
    });
    protoId = pid ?? '';
    protoName = (pname ?? '').toLowerCase();
    src = s ?? '';
    dst = d ?? '';
    i += 11;
  } else {
    const [cls, flow, hop, pname, pid, length, s, d] = f.slice(i, i + 8);
    Object.assign(fields, { class: cls ?? '', flow_label: flow ?? '', hop_limit: hop ?? '', length: length ?? '' });
    protoId = pid ?? '';
    protoName = (pname ?? '').toLowerCase();
    src = s ?? '';
    dst = d ?? '';
    i += 8;
  }
  fields.protocol_id = protoId;
  fields.protocol = protoName;
  const sip = ipOrUndefined(src);
  const dip = ipOrUndefined(dst);
  if (!sip && !dip) return undefined;
  let sport: number | undefined;
  let dport: number | undefined;
  if (protoName === 'tcp' || protoName === 'udp') {
    sport = portOrUndefined(f[i]);
    dport = portOrUndefined(f[i + 1]);
    fields.data_length = f[i + 2] ?? '';
    if (protoName === 'tcp') {
      Object.assign(fields, {
        tcp_flags: f[i + 3] ?? '',
        sequence_number: f[i + 4] ?? '',
        ack_number: f[i + 5] ?? '',
        tcp_window: f[i + 6] ?? '',
        urg: f[i + 7] ?? '',
        tcp_options: f.slice(i + 8).join(','),
      });
    }
  } else if (protoName === 'icmp' || protoName === 'ipv6-icmp' || protoName === 'icmpv6') {
    fields.icmp_type = f[i] ?? '';
    if (f.length > i + 1) fields.icmp_data = f.slice(i + 1).join(',');
  } else if (protoName === 'carp') {
    Object.assign(fields, {
      carp_type: f[i] ?? '',
      carp_ttl: f[i + 1] ?? '',
      vhid: f[i + 2] ?? '',
      version: f[i + 3] ?? '',
    });
  }
  for (const k of Object.keys(fields)) if (fields[k] === '') delete fields[k];
  const denied = action === 'block' || action === 'reject';
  const transport = protoName === 'icmpv6' ? 'ipv6-icmp' : protoName || undefined;
  return {
    event: {
      module: 'pfsense',
      dataset: 'pfsense.log',
      action,
      reason: present(reason),
      category: ['network'],
      type: ['connection', denied ? 'denied' : 'allowed'],
      outcome: denied ? 'failure' : 'success',
    },
    observer: {
      vendor: 'netgate',
      product: 'pfsense',
      type: 'firewall',
      ...(direction === 'out'
        ? { egress: { interface: { name: iface } } }
        : { ingress: { interface: { name: iface } } }),
    },
    rule: { id: present(tracker), ruleset: present(anchor) },
    network: {
      type: ipVersion === '4' ? 'ipv4' : 'ipv6',
      transport,
      iana_number: present(protoId),
      direction: direction === 'in' ? 'inbound' : direction === 'out' ? 'outbound' : undefined,
      bytes: intOrUndefined(fields.length),
    },
    source: sip || sport !== undefined ? { ip: sip, port: sport } : undefined,
    destination: dip || dport !== undefined ? { ip: dip, port: dport } : undefined,
    pfsense: fields,
  };
}

export const pfsenseDecoder: Decoder = {
  name: 'pfsense',
  programs: ['filterlog'],
  sniff: (message) => FILTERLOG_SNIFF.test(message),
  decode: ({ message }) => decodeFilterlog(message),
};
