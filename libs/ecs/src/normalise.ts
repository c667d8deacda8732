import { createHash } from 'node:crypto';
import { UNATTRIBUTED_MEMBER, type RawEnvelope } from '@vigie/contracts';
import { DEFAULT_TIME_ZONE, facilityName, parseSyslog, severityName, type SyslogMessage } from '@vigie/syslog';
import { decodePayload } from './decoders/decoder-registry';
import { compact, intOrUndefined, ipOrUndefined } from './decoders/field-utils';
import type { DecodedFields, EcsDocument, Enrichment } from './ecs-document';
import { collectRelated } from './related';

export interface NormaliseOptions {
  /** IANA zone for timestamps without offset. Default Europe/Paris. */
  timeZone?: string;
  /** Keep the raw line in `event.original` (default true). */
  keepOriginal?: boolean;
  /** Display name of the member, for `organization.name`. */
  memberName?: string;
  /** Application lookup by host, applied after normalising. */
  enrich?: (host: { hostname?: string; ip?: string }) => Enrichment | undefined;
  /** Clock for `event.ingested` (tests, replays). */
  now?: () => Date;
  /** Pre-parsed syslog header of `envelope.raw`, when the caller already has it. */
  syslog?: SyslogMessage;
}

export const NormaliseTags = {
  unparsedPayload: '_unparsed_payload',
  truncated: '_truncated',
  unattributed: '_unattributed',
  invalidReceivedAt: '_invalid_received_at',
} as const;

/** Deterministic event id: same member, sender, time and bytes → same id, so replays are idempotent. */
export function eventId(member: string, host: string, timestamp: string, raw: string): string {
  return createHash('sha256').update(`${member}\n${host}\n${timestamp}\n${raw}`).digest('hex').slice(0, 32);
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const k in source) {
    const v = source[k];
    if (v === undefined) continue;
    const cur = target[k];
    if (
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      !(v instanceof Date) &&
      cur !== null &&
      typeof cur === 'object' &&
      !Array.isArray(cur)
    ) {
      mergeInto(cur as Record<string, unknown>, v as Record<string, unknown>);
    } else {
      target[k] = v;
    }
  }
}

/**
 * Turns a received syslog message into an ECS document. Bad input never throws; a decoder that throws
 * surfaces as a DecoderError (for the dead-letter topic).
 */
export function normalise(envelope: RawEnvelope, options: NormaliseOptions = {}): EcsDocument {
  const now = options.now ?? (() => new Date());
  const ingested = now();
  const raw = typeof envelope?.raw === 'string' ? envelope.raw : '';
  const member = typeof envelope?.member === 'string' && envelope.member ? envelope.member : UNATTRIBUTED_MEMBER;
  const peerIp = ipOrUndefined(envelope?.peer?.ip);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const tags: string[] = [];
  let receivedAt = new Date(typeof envelope?.receivedAt === 'string' ? envelope.receivedAt : NaN);
  if (Number.isNaN(receivedAt.getTime())) {
    receivedAt = ingested;
    tags.push(NormaliseTags.invalidReceivedAt);
  }
  const syslog = options.syslog ?? parseSyslog(raw, { receivedAt, timeZone });
  tags.push(...syslog.tags);
  if (envelope?.truncated) tags.push(NormaliseTags.truncated);
  if (member === UNATTRIBUTED_MEMBER) tags.push(NormaliseTags.unattributed);

  const decoded = decodePayload({ message: syslog.message, syslog, timeZone });
  const fields: DecodedFields = decoded?.fields ?? {};
  if (!decoded) tags.push(NormaliseTags.unparsedPayload);
  if (fields.tags) tags.push(...fields.tags);

  const timestamp = (syslog.timestamp ?? fields.timestamp ?? receivedAt).toISOString();
  const hostKey = peerIp ?? syslog.hostname ?? '';
  const doc: EcsDocument = {
    '@timestamp': timestamp,
    tags: [],
    event: {
      id: eventId(member, hostKey, timestamp, raw),
      kind: 'event',
      module: 'syslog',
      dataset: 'syslog.log',
      created: receivedAt.toISOString(),
      ingested: ingested.toISOString(),
    },
    organization: { id: member, name: options.memberName },
    host: { hostname: syslog.hostname, ip: peerIp ? [peerIp] : undefined },
    log: {
      syslog: {
        facility: { code: syslog.facility, name: facilityName(syslog.facility) },
        severity: { code: syslog.severity, name: severityName(syslog.severity) },
        priority: syslog.pri,
        appname: syslog.appName,
        procid: syslog.procId,
        msgid: syslog.msgId,
        hostname: syslog.hostname,
        version: syslog.version !== undefined ? String(syslog.version) : undefined,
        structured_data: syslog.structuredData,
      },
    },
  };
  if (syslog.appName && !fields.process && !fields.winlog) {
    doc.process = { name: syslog.appName, pid: intOrUndefined(syslog.procId) };
  }
  const { event, timestamp: _ts, tags: _tags, message, ...groups } = fields;
  void _ts;
  void _tags;
  if (event) mergeInto(doc.event as unknown as Record<string, unknown>, event as Record<string, unknown>);
  mergeInto(doc as unknown as Record<string, unknown>, groups as Record<string, unknown>);
  if (doc.observer && !doc.observer.hostname && syslog.hostname) doc.observer.hostname = syslog.hostname;
  doc.message = message ?? syslog.message;
  if (options.keepOriginal !== false) doc.event.original = raw;

  const related = collectRelated(doc, fields.related);
  if (related) doc.related = related;

  if (options.enrich) {
    const e = options.enrich({ hostname: doc.host?.hostname, ip: peerIp });
    if (e && (e.applicationId || e.applicationName || e.personalData !== undefined)) {
      doc.vigie = {
        application:
          e.applicationId || e.applicationName ? { id: e.applicationId, name: e.applicationName } : undefined,
        personal_data: e.personalData,
      };
    }
  }
  doc.tags = [...new Set(tags)];
  return compact(doc);
}
