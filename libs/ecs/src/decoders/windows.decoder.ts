import type { DecodedFields } from '../ecs-document';
import type { Decoder, DecoderInput } from './decoder';
import { basename, intOrUndefined, ipOrUndefined, occursWithin, portOrUndefined, present } from './field-utils';
import { parseSnare } from './snare-parser';
import { ACCOUNT_MANAGEMENT, GROUP_MEMBERSHIP, LOGON_EVENTS, LOGON_TYPES, WINDOWS_EVENTS } from './windows-event-map';

/** NXLog im_msvistalog fields that describe the record rather than its EventData. */
const NXLOG_SYSTEM_FIELDS = new Set([
  'EventTime',
  'EventReceivedTime',
  'Hostname',
  'Keywords',
  'EventType',
  'SeverityValue',
  'Severity',
  'EventID',
  'SourceName',
  'ProviderGuid',
  'Version',
  'Task',
  'OpcodeValue',
  'Opcode',
  'RecordNumber',
  'ActivityID',
  'RelatedActivityID',
  'ProcessID',
  'ThreadID',
  'Channel',
  'Message',
  'Category',
  'Domain',
  'AccountType',
  'UserID',
  'SourceModuleName',
  'SourceModuleType',
  'EventData',
  'UserData',
  'Level',
  'OpenWEC',
  'ERROR_EVT_UNRESOLVED',
]);

interface WindowsRecord {
  eventId: string;
  channel?: string;
  provider?: string;
  computer?: string;
  recordId?: string;
  eventTime?: Date;
  keywords?: string[];
  data: Record<string, string>;
  message?: string;
  processId?: number;
  threadId?: number;
  format: 'nxlog-json' | 'snare';
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function fromNxlogJson(obj: Record<string, unknown>): WindowsRecord | undefined {
  const eventId = str(obj.EventID);
  if (!eventId || !/^\d{1,6}$/.test(eventId)) return undefined;
  const data: Record<string, string> = {};
  const nested = obj.EventData;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [k, v] of Object.entries(nested as Record<string, unknown>)) {
      const s = str(v);
      if (s !== undefined) data[k] = s;
    }
  }
  for (const [k, v] of Object.entries(obj)) {
    if (NXLOG_SYSTEM_FIELDS.has(k)) continue;
    // NXLog resolves the record's user into AccountName; 7045 has its own AccountName in EventData.
    if (k === 'AccountName' && eventId !== '7045') continue;
    const s = str(v);
    if (s !== undefined && !(k in data)) data[k] = s;
  }
  const time = str(obj.EventTime);
  const parsedTime = time
    ? new Date(time.includes('T') || time.includes('Z') ? time : time.replace(' ', 'T'))
    : undefined;
  const eventType = str(obj.EventType);
  return {
    eventId,
    channel: str(obj.Channel),
    provider: str(obj.SourceName),
    computer: str(obj.Hostname),
    recordId: str(obj.RecordNumber),
    eventTime:
      parsedTime && !Number.isNaN(parsedTime.getTime()) && /[zZ]|[+-]\d\d:?\d\d$/.test(time!) ? parsedTime : undefined,
    keywords:
      eventType === 'AUDIT_SUCCESS' ? ['Audit Success'] : eventType === 'AUDIT_FAILURE' ? ['Audit Failure'] : undefined,
    data,
    message: str(obj.Message),
    processId: intOrUndefined(str(obj.ProcessID)),
    threadId: intOrUndefined(str(obj.ThreadID)),
    format: 'nxlog-json',
  };
}

function fromSnare(message: string): WindowsRecord | undefined {
  const r = parseSnare(message);
  if (!r) return undefined;
  const type = (r.eventType ?? '').toLowerCase();
  return {
    eventId: r.eventId,
    channel: r.channel,
    provider: r.provider,
    computer: r.computer,
    recordId: r.recordNumber,
    keywords: type.includes('success') ? ['Audit Success'] : type.includes('fail') ? ['Audit Failure'] : undefined,
    data: r.eventData,
    message: r.expanded,
    format: 'snare',
  };
}

function userFrom(
  data: Record<string, string>,
  prefix: 'Subject' | 'Target',
): { name?: string; domain?: string; id?: string } {
  return {
    name: present(data[`${prefix}UserName`]),
    domain: present(data[`${prefix}DomainName`]),
    id: present(data[`${prefix}UserSid`]) ?? (prefix === 'Target' ? present(data.TargetSid) : undefined),
  };
}

/** CN of a distinguished name (`CN=Bob,OU=…` → `Bob`), else the value. */
function commonName(dn: string | undefined): string | undefined {
  const v = present(dn);
  if (!v) return undefined;
  const m = /^CN=((?:\\,|[^,])+)/i.exec(v);
  return m ? m[1]!.replace(/\\,/g, ',') : v;
}

/** Maps a Windows record to ECS after Elastic's Windows security pipeline. */
function toEcs(r: WindowsRecord): DecodedFields {
  const d = r.data;
  const cat = WINDOWS_EVENTS[r.eventId];
  const isSecurity = (r.channel ?? '').toLowerCase() === 'security';
  let outcome = cat?.outcome;
  if (!outcome && r.keywords?.[0] === 'Audit Failure') outcome = 'failure';
  else if (!outcome && r.keywords?.[0] === 'Audit Success') outcome = 'success';
  const out: DecodedFields = {
    event: {
      code: r.eventId,
      provider: r.provider,
      action: cat?.action,
      category: cat?.category,
      type: cat?.type,
      outcome,
      module: 'windows',
      dataset: isSecurity
        ? 'windows.security'
        : r.channel
          ? `windows.${r.channel.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`
          : 'windows.eventlog',
    },
    winlog: {
      event_id: r.eventId,
      channel: r.channel,
      provider_name: r.provider,
      computer_name: r.computer,
      record_id: r.recordId,
      keywords: r.keywords,
      event_data: Object.keys(d).length ? d : undefined,
      process:
        r.processId !== undefined
          ? { pid: r.processId, thread: r.threadId !== undefined ? { id: r.threadId } : undefined }
          : undefined,
    },
    timestamp: r.eventTime,
  };
  if (r.computer) out.host = { name: r.computer, hostname: r.computer };
  const logonType = present(d.LogonType);
  const logonId = present(d.TargetLogonId) ?? present(d.SubjectLogonId);
  if (logonType || logonId)
    out.winlog!.logon = { type: logonType ? (LOGON_TYPES[logonType] ?? logonType) : undefined, id: logonId };

  const subject = userFrom(d, 'Subject');
  const target = userFrom(d, 'Target');
  const ip = ipOrUndefined(present(d.IpAddress));
  const workstation = present(d.WorkstationName);
  if (ip || workstation) {
    out.source = { ip, port: ip ? portOrUndefined(present(d.IpPort)) : undefined, domain: workstation };
  }

  if (LOGON_EVENTS.has(r.eventId)) {
    out.user = target.name ? target : subject;
  } else if (r.eventId === '4648') {
    out.user = subject;
    out.user.effective = { name: target.name, domain: target.domain };
    const server = present(d.TargetServerName);
    if (server) out.destination = { domain: server };
  } else if (ACCOUNT_MANAGEMENT.has(r.eventId)) {
    out.user = {
      ...subject,
      target: { name: target.name, domain: target.domain, id: present(d.TargetSid) ?? target.id },
    };
  } else if (GROUP_MEMBERSHIP.has(r.eventId)) {
    const group = { name: target.name, domain: target.domain, id: present(d.TargetSid) };
    out.group = group;
    out.user = { ...subject, target: { name: commonName(d.MemberName), id: present(d.MemberSid), group } };
  } else {
    out.user = subject.name ? subject : target.name ? target : undefined;
  }

  if (r.eventId === '4688') {
    const exe = present(d.NewProcessName);
    out.process = {
      executable: exe,
      name: exe ? basename(exe) : undefined,
      pid: intOrUndefined(present(d.NewProcessId)),
      command_line: present(d.CommandLine),
      parent: {
        executable: present(d.ParentProcessName),
        name: present(d.ParentProcessName) ? basename(d.ParentProcessName!) : undefined,
        pid: intOrUndefined(present(d.ProcessId)),
      },
    };
  } else {
    const exe = present(d.ProcessName);
    const pid = intOrUndefined(present(d.ProcessId));
    if (exe || pid !== undefined) out.process = { executable: exe, name: exe ? basename(exe) : undefined, pid };
  }
  if (r.eventId === '4697' || r.eventId === '7045') {
    out.service = { name: present(d.ServiceName), type: present(d.ServiceType) };
    const file = present(d.ServiceFileName) ?? present(d.ImagePath);
    if (file) out.file = { path: file };
  }
  if (r.eventId === '4625') {
    const reason = present(d.FailureReason);
    if (reason) out.event!.reason = reason;
  }
  return out;
}

function parseJsonObject(message: string): Record<string, unknown> | undefined {
  const start = message.indexOf('{');
  if (start < 0 || start > 64) return undefined;
  try {
    const v: unknown = JSON.parse(message.slice(start));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Windows events forwarded over syslog: NXLog JSON (`{"EventID":4625,…}`) and Snare `MSWinEventLog`. */
export function decodeWindows(message: string): DecodedFields | undefined {
  if (occursWithin(message, 'MSWinEventLog', 256)) {
    const r = fromSnare(message);
    return r ? toEcs(r) : undefined;
  }
  if (!message.includes('"EventID"')) return undefined;
  const obj = parseJsonObject(message);
  const r = obj ? fromNxlogJson(obj) : undefined;
  return r ? toEcs(r) : undefined;
}

export const windowsDecoder: Decoder = {
  name: 'windows',
  programs: [
    'mswineventlog',
    'nxlog',
    'microsoft-windows-security-auditing',
    'service_control_manager',
    'security-auditing',
  ],
  sniff: (message) =>
    occursWithin(message, 'MSWinEventLog', 256) || (message.charCodeAt(0) === 123 && message.includes('"EventID"')),
  decode: ({ message }: DecoderInput) => decodeWindows(message),
};
