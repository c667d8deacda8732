/** Facility names as used by ECS `log.syslog.facility.name` (index = code). */
export const FACILITY_NAMES: readonly string[] = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];

/** Severity names as used by ECS `log.syslog.severity.name` (index = code). */
export const SEVERITY_NAMES: readonly string[] = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'informational',
  'debug',
];

export function facilityName(code: number | undefined): string | undefined {
  return code === undefined ? undefined : FACILITY_NAMES[code];
}

export function severityName(code: number | undefined): string | undefined {
  return code === undefined ? undefined : SEVERITY_NAMES[code];
}

/** Highest valid PRI value: facility 23, severity 7. */
export const MAX_PRI = 191;
