/** What an exception or a search can be matched against: the alert's rule, members and group values. */
export interface AlertFacts {
  ruleId: string;
  ruleTitle?: string;
  level?: string;
  members: readonly string[];
  groupValues: Readonly<Record<string, string>>;
  application?: { id?: string; name?: string };
  /** The ECS document of the event that brought the alert message, when the detector sent it. */
  event?: Readonly<Record<string, unknown>>;
}

/** Group-by field names (lower-case) that name the host, the user and the source address. */
const HOST_FIELDS = [
  'host.name',
  'host.hostname',
  'hostname',
  'computer',
  'computername',
  'observer.name',
  'observer.hostname',
  'workstation',
  'workstationname',
  'host',
];
const USER_FIELDS = [
  'user.name',
  'user.target.name',
  'user',
  'username',
  'targetusername',
  'subjectusername',
  'accountname',
  'user.id',
];
const SOURCE_IP_FIELDS = ['source.ip', 'src_ip', 'sourceip', 'client.ip', 'ipaddress', 'source.address', 'src'];

function valuesOf(groupValues: Readonly<Record<string, string>>, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(groupValues)) {
    if (names.includes(k.toLowerCase()) && v !== '' && !out.includes(v)) out.push(v);
  }
  return out;
}

export const hostsOf = (gv: Readonly<Record<string, string>>) => valuesOf(gv, HOST_FIELDS);
export const usersOf = (gv: Readonly<Record<string, string>>) => valuesOf(gv, USER_FIELDS);
export const sourceIpsOf = (gv: Readonly<Record<string, string>>) => valuesOf(gv, SOURCE_IP_FIELDS);

/**
 * The alert as a flat map of lower-case field names to values: its group values under their own names, plus
 * `rule.id`, `rule.title`, `rule.level`, `organization.id` (every member), `application.id`/`application.name`,
 * and the normalised `host.name`, `user.name` and `source.ip` found among the group values.
 */
export function factFields(f: AlertFacts): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (k: string, v: string | undefined) => {
    if (v === undefined || v === '') return;
    const key = k.toLowerCase();
    const list = out.get(key) ?? [];
    if (!list.includes(v)) list.push(v);
    out.set(key, list);
  };
  for (const [k, v] of Object.entries(f.groupValues)) add(k, v);
  add('rule.id', f.ruleId);
  add('rule.title', f.ruleTitle);
  add('rule.level', f.level);
  for (const m of f.members) add('organization.id', m);
  add('application.id', f.application?.id);
  add('application.name', f.application?.name);
  for (const h of hostsOf(f.groupValues)) add('host.name', h);
  for (const u of usersOf(f.groupValues)) add('user.name', u);
  for (const ip of sourceIpsOf(f.groupValues)) add('source.ip', ip);
  return out;
}
