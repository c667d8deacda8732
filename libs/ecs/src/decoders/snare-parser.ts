/**
 * Snare `MSWinEventLog` records: `[host<d>]MSWinEventLog<d>criticality<d>channel<d>counter<d>date<d>EventID<d>
 * source<d>user<d>SID type<d>event log type<d>computer<d>category<d>data<d>expanded string[<d>md5/counter]`,
 * `<d>` being a tab (or the configured delimiter). The expanded string is the rendered message with its
 * line breaks flattened; its `Label:  value` pairs are mapped back to the Windows EventData names.
 */

export interface SnareRecord {
  criticality?: string;
  channel: string;
  recordNumber?: string;
  eventTime?: string;
  eventId: string;
  provider?: string;
  user?: string;
  sidType?: string;
  eventType?: string;
  computer?: string;
  category?: string;
  expanded: string;
  /** Text before the first label (the event description). */
  description: string;
  eventData: Record<string, string>;
}

const TAG = 'MSWinEventLog';

/** Section headers of the rendered Security messages. */
const SECTIONS = [
  'Subject',
  'New Logon',
  'Logon Information',
  'Account For Which Logon Failed',
  'Account Whose Credentials Were Used',
  'Target Server',
  'Failure Information',
  'Process Information',
  'Network Information',
  'Detailed Authentication Information',
  'Additional Information',
  'New Account',
  'Target Account',
  'Account That Was Locked Out',
  'Attributes',
  'Member',
  'Group',
  'Service Information',
  'Creator Subject',
  'Target Subject',
  'Changed Attributes',
] as const;

/** Field labels, longest first so that `Account Name` does not shadow `Network Account Name`. */
const LABELS = [
  'Security ID',
  'Account Name',
  'Account Domain',
  'Domain Name',
  'Logon ID',
  'Linked Logon ID',
  'Network Account Name',
  'Network Account Domain',
  'Logon GUID',
  'Logon Type',
  'Restricted Admin Mode',
  'Virtual Account',
  'Elevated Token',
  'Failure Reason',
  'Status',
  'Sub Status',
  'Caller Process ID',
  'Caller Process Name',
  'Process ID',
  'Process Name',
  'New Process ID',
  'New Process Name',
  'Token Elevation Type',
  'Mandatory Label',
  'Creator Process ID',
  'Creator Process Name',
  'Process Command Line',
  'Workstation Name',
  'Source Network Address',
  'Source Address',
  'Source Port',
  'Network Address',
  'Port',
  'Logon Process',
  'Authentication Package',
  'Transited Services',
  'Package Name (NTLM only)',
  'Key Length',
  'Target Server Name',
  'Caller Computer Name',
  'Privileges',
  'Group Name',
  'Group Domain',
  'Service Name',
  'Service File Name',
  'Service Type',
  'Service Start Type',
  'Service Account',
  'SAM Account Name',
  'Display Name',
  'User Principal Name',
  'Home Directory',
  'Home Drive',
  'Script Path',
  'Profile Path',
  'User Workstations',
  'Password Last Set',
  'Account Expires',
  'Primary Group ID',
  'Old UAC Value',
  'New UAC Value',
  'User Account Control',
  'User Parameters',
  'SID History',
  'Logon Hours',
  'Allowed To Delegate To',
  'Impersonation Level',
];

const ALL = [...new Set([...SECTIONS, ...LABELS])].sort((a, b) => b.length - a.length);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LABEL_RE = new RegExp(`(?:^|\\s)(${ALL.map(escapeRe).join('|')}):(?=\\s|$)`, 'g');
const SECTION_SET = new Set<string>(SECTIONS);

const SUBJECT_MAP: Record<string, string> = {
  'Security ID': 'SubjectUserSid',
  'Account Name': 'SubjectUserName',
  'Account Domain': 'SubjectDomainName',
  'Domain Name': 'SubjectDomainName',
  'Logon ID': 'SubjectLogonId',
};

const TARGET_MAP: Record<string, string> = {
  'Security ID': 'TargetUserSid',
  'Account Name': 'TargetUserName',
  'Account Domain': 'TargetDomainName',
  'Logon ID': 'TargetLogonId',
  'Linked Logon ID': 'TargetLinkedLogonId',
  'Network Account Name': 'TargetOutboundUserName',
  'Network Account Domain': 'TargetOutboundDomainName',
  'Logon GUID': 'TargetLogonGuid',
};

const FLAT_MAP: Record<string, string> = {
  'Logon Type': 'LogonType',
  'Restricted Admin Mode': 'RestrictedAdminMode',
  'Virtual Account': 'VirtualAccount',
  'Elevated Token': 'ElevatedToken',
  'Impersonation Level': 'ImpersonationLevel',
  'Failure Reason': 'FailureReason',
  Status: 'Status',
  'Sub Status': 'SubStatus',
  'Caller Process ID': 'ProcessId',
  'Caller Process Name': 'ProcessName',
  'Process ID': 'ProcessId',
  'Process Name': 'ProcessName',
  'New Process ID': 'NewProcessId',
  'New Process Name': 'NewProcessName',
  'Token Elevation Type': 'TokenElevationType',
  'Mandatory Label': 'MandatoryLabel',
  'Creator Process ID': 'ProcessId',
  'Creator Process Name': 'ParentProcessName',
  'Process Command Line': 'CommandLine',
  'Workstation Name': 'WorkstationName',
  'Source Network Address': 'IpAddress',
  'Source Address': 'IpAddress',
  'Network Address': 'IpAddress',
  'Source Port': 'IpPort',
  Port: 'IpPort',
  'Logon Process': 'LogonProcessName',
  'Authentication Package': 'AuthenticationPackageName',
  'Transited Services': 'TransmittedServices',
  'Package Name (NTLM only)': 'LmPackageName',
  'Key Length': 'KeyLength',
  'Target Server Name': 'TargetServerName',
  'Caller Computer Name': 'TargetDomainName',
  Privileges: 'PrivilegeList',
  'Group Name': 'TargetUserName',
  'Group Domain': 'TargetDomainName',
  'Service Name': 'ServiceName',
  'Service File Name': 'ServiceFileName',
  'Service Type': 'ServiceType',
  'Service Start Type': 'ServiceStartType',
  'Service Account': 'ServiceAccount',
  'SAM Account Name': 'SamAccountName',
  'Display Name': 'DisplayName',
  'User Principal Name': 'UserPrincipalName',
  'Home Directory': 'HomeDirectory',
  'Home Drive': 'HomePath',
  'Script Path': 'ScriptPath',
  'Profile Path': 'ProfilePath',
  'User Workstations': 'UserWorkstations',
  'Password Last Set': 'PasswordLastSet',
  'Account Expires': 'AccountExpires',
  'Primary Group ID': 'PrimaryGroupId',
  'Old UAC Value': 'OldUacValue',
  'New UAC Value': 'NewUacValue',
  'User Account Control': 'UserAccountControl',
  'User Parameters': 'UserParameters',
  'SID History': 'SidHistory',
  'Logon Hours': 'LogonHours',
  'Allowed To Delegate To': 'AllowedToDelegateTo',
};

/** 7045 (System channel) uses different EventData names for the same labels. */
const SERVICE_7045_MAP: Record<string, string> = {
  'Service Name': 'ServiceName',
  'Service File Name': 'ImagePath',
  'Service Type': 'ServiceType',
  'Service Start Type': 'StartType',
  'Service Account': 'AccountName',
};

function cleanValue(label: string, raw: string): string {
  const v = raw.trim();
  if (label === 'Privileges') return v.split(/\s+/).join('\n\t\t\t');
  // Trailing explanatory paragraphs are separated by a run of spaces.
  const cut = v.search(/\s{3,}/);
  return cut > 0 ? v.slice(0, cut) : v;
}

function fieldName(eventId: string, section: string | undefined, label: string): string | undefined {
  if (eventId === '7045' && SERVICE_7045_MAP[label]) return SERVICE_7045_MAP[label];
  switch (section) {
    case 'Subject':
    case 'Creator Subject':
      if (SUBJECT_MAP[label]) return SUBJECT_MAP[label];
      break;
    case 'Member':
      if (label === 'Security ID') return 'MemberSid';
      if (label === 'Account Name') return 'MemberName';
      break;
    case 'Group':
      if (label === 'Security ID') return 'TargetSid';
      break;
    case 'New Logon':
    case 'Account For Which Logon Failed':
    case 'Account Whose Credentials Were Used':
    case 'Target Subject':
    case 'New Account':
    case 'Target Account':
    case 'Account That Was Locked Out':
      if (
        label === 'Security ID' &&
        !['New Logon', 'Account For Which Logon Failed', 'Target Subject'].includes(section)
      ) {
        return 'TargetSid';
      }
      if (TARGET_MAP[label]) return TARGET_MAP[label];
      break;
    case undefined:
      // 4634 and 1102 put the subject fields without their header in some renderings.
      if (SUBJECT_MAP[label]) return SUBJECT_MAP[label];
      break;
    default:
      break;
  }
  return FLAT_MAP[label] ?? (SUBJECT_MAP[label] && section === undefined ? SUBJECT_MAP[label] : undefined);
}

/** Maps `Label:  value` pairs of a flattened Security message to EventData names. */
export function parseExpandedString(
  eventId: string,
  text: string,
): { description: string; data: Record<string, string> } {
  const data: Record<string, string> = {};
  const matches: { label: string; start: number; end: number }[] = [];
  LABEL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LABEL_RE.exec(text)) !== null) {
    const label = m[1]!;
    matches.push({ label, start: m.index + (m[0].length - label.length - 1), end: LABEL_RE.lastIndex });
  }
  const description = (matches.length ? text.slice(0, matches[0]!.start) : text).trim();
  let section: string | undefined;
  for (let i = 0; i < matches.length; i++) {
    const cur = matches[i]!;
    const next = matches[i + 1];
    const raw = text.slice(cur.end, next ? next.start : text.length);
    const isSection = SECTION_SET.has(cur.label) && (raw.trim() === '' || !LABELS.includes(cur.label));
    if (isSection) {
      section = cur.label;
      continue;
    }
    const name = fieldName(eventId, section, cur.label);
    if (!name) continue;
    const value = cleanValue(cur.label, raw);
    if (!(name in data) || data[name] === '') data[name] = value;
  }
  return { description, data };
}

/** Parses a Snare record from the payload; undefined when it is not one. */
export function parseSnare(message: string): SnareRecord | undefined {
  const at = message.indexOf(TAG);
  if (at < 0 || at > 256) return undefined;
  const delimiter = message[at + TAG.length];
  if (delimiter === undefined) return undefined;
  const f = message.slice(at + TAG.length + 1).split(delimiter);
  if (f.length < 13) return undefined;
  const eventId = f[4]!.trim();
  if (!/^\d{1,6}$/.test(eventId)) return undefined;
  // The expanded string can itself contain the delimiter: everything up to the optional trailing counter.
  const hasCounter = f.length > 13 && /^-?\d+$/.test(f[f.length - 1]!.trim());
  const expanded = f.slice(12, hasCounter ? f.length - 1 : f.length).join(delimiter === '\t' ? ' ' : delimiter);
  const parsed = parseExpandedString(eventId, expanded);
  return {
    criticality: f[0],
    channel: f[1]!.trim(),
    recordNumber: f[2]?.trim(),
    eventTime: f[3]?.trim(),
    eventId,
    provider: f[5]?.trim(),
    user: f[6]?.trim(),
    sidType: f[7]?.trim(),
    eventType: f[8]?.trim(),
    computer: f[9]?.trim(),
    category: f[10]?.trim(),
    expanded: expanded.trim(),
    description: parsed.description,
    eventData: parsed.data,
  };
}
