import { stringify } from 'yaml';
import type { DetectionRule } from './compiled-rule';
import { FieldMappingError, loadFieldMappingYaml, resolveLogsource } from './field-mapping';
import { ecsMapping, load, run } from './spec-helpers';
import type { EcsEvent, LogSource } from './types';

const rule = (logsource: LogSource, detection: Record<string, unknown>) =>
  load(stringify({ title: 'r', logsource, detection }), { mapping: ecsMapping() });

const hits = (logsource: LogSource, detection: Record<string, unknown>, event: EcsEvent): boolean => {
  const res = rule(logsource, detection);
  expect(res.problems).toEqual([]);
  return run(res.rules, [event]).length > 0;
};

const failedLogon: EcsEvent = {
  '@timestamp': '2024-03-01T10:00:00Z',
  event: { code: '4625', module: 'windows' },
  user: { name: 'bob' },
  source: { ip: '10.0.0.1' },
  winlog: { channel: 'Security', event_id: '4625', event_data: { TargetUserName: 'bob', LogonType: '3' } },
  message: 'An account failed to log on.',
};

describe('ECS mapping: Windows', () => {
  const sec = { product: 'windows', service: 'security' };
  it('maps EventID and event_data fields, and constrains the channel', () => {
    const det = {
      sel: { EventID: 4625, TargetUserName: 'BOB', LogonType: 3, IpAddress: '10.0.0.1' },
      condition: 'sel',
    };
    expect(hits(sec, det, failedLogon)).toBe(true);
    expect(hits(sec, det, { ...failedLogon, winlog: { ...(failedLogon.winlog as object), channel: 'System' } })).toBe(
      false,
    );
  });
  it('falls back from TargetUserName to user.name', () => {
    const det = { sel: { TargetUserName: 'alice' }, condition: 'sel' };
    expect(
      hits(sec, det, { event: { module: 'windows' }, winlog: { channel: 'Security' }, user: { name: 'alice' } }),
    ).toBe(true);
  });
  it('maps unmapped fields to winlog.event_data.<Field>', () => {
    const det = { sel: { EventID: 4738, PasswordLastSet: '%%1794' }, condition: 'sel' };
    expect(
      hits(sec, det, {
        event: { code: '4738', module: 'windows' },
        winlog: { channel: 'Security', event_data: { PasswordLastSet: '%%1794' } },
      }),
    ).toBe(true);
  });
  it('process_creation covers Security 4688 and Sysmon 1 with ECS process fields', () => {
    const ls = { product: 'windows', category: 'process_creation' };
    const det = { sel: { 'Image|endswith': '\\whoami.exe', 'ParentImage|endswith': '\\cmd.exe' }, condition: 'sel' };
    const proc = {
      executable: 'C:\\Windows\\System32\\whoami.exe',
      parent: { executable: 'C:\\Windows\\System32\\cmd.exe' },
    };
    expect(
      hits(ls, det, { event: { code: '4688', module: 'windows' }, winlog: { channel: 'Security' }, process: proc }),
    ).toBe(true);
    expect(
      hits(ls, det, {
        event: { code: '1', module: 'windows' },
        winlog: { channel: 'Microsoft-Windows-Sysmon/Operational' },
        process: proc,
      }),
    ).toBe(true);
    expect(
      hits(ls, det, { event: { code: '4624', module: 'windows' }, winlog: { channel: 'Security' }, process: proc }),
    ).toBe(false);
    expect(
      hits(ls, det, {
        event: { code: '4688', module: 'windows' },
        winlog: {
          channel: 'Security',
          event_data: { NewProcessName: 'C:\\Windows\\System32\\whoami.exe', ParentProcessName: 'C:\\x\\cmd.exe' },
        },
      }),
    ).toBe(true);
  });
  it('indexes rules by the event.code they require, else by channel', () => {
    const withId = rule(sec, { sel: { EventID: [4624, 4625] }, condition: 'sel' }).rules[0] as DetectionRule;
    expect(withId.indexKeys).toEqual([
      { field: 'event.code', value: '4624' },
      { field: 'event.code', value: '4625' },
    ]);
    const noId = rule(sec, { sel: { 'TargetUserName|contains': 'x' }, condition: 'sel' }).rules[0] as DetectionRule;
    expect(noId.indexKeys).toEqual([{ field: 'winlog.channel', value: 'security' }]);
  });
  it('indexes process rules by the executable basename of Image|endswith values', () => {
    const ls = { product: 'windows', category: 'process_creation' };
    const r = rule(ls, {
      sel_img: [{ 'Image|endswith': ['\\whoami.exe'] }, { OriginalFileName: 'whoami.exe' }],
      sel_cli: { 'CommandLine|contains': '/all' },
      condition: 'all of sel_*',
    }).rules[0] as DetectionRule;
    expect(r.indexKeys).toEqual([
      {
        field: 'process.executable,winlog.event_data.Image,winlog.event_data.NewProcessName#basename',
        value: 'whoami.exe',
      },
      { field: 'winlog.event_data.OriginalFileName,process.pe.original_file_name', value: 'whoami.exe' },
    ]);
    const proc = (exe: string) => ({
      event: { code: '1', module: 'windows' },
      winlog: { channel: 'Microsoft-Windows-Sysmon/Operational' },
      process: { executable: exe, command_line: 'whoami /all' },
    });
    expect(run([r], [proc('C:\\Windows\\System32\\WHOAMI.EXE')])).toHaveLength(1);
    expect(run([r], [proc('C:\\Windows\\System32\\notwhoami.exe')])).toHaveLength(0);
  });
});

describe('ECS mapping: Linux', () => {
  const sshEvent: EcsEvent = {
    event: { module: 'sshd', dataset: 'system.auth' },
    process: { name: 'sshd' },
    user: { name: 'root' },
    source: { ip: '203.0.113.5' },
    message: 'Failed password for root from 203.0.113.5 port 22 ssh2',
  };
  it('keyword rules for sshd search the message', () => {
    expect(
      hits({ product: 'linux', service: 'sshd' }, { keywords: ['Failed password'], condition: 'keywords' }, sshEvent),
    ).toBe(true);
    expect(
      hits({ product: 'linux', service: 'sudo' }, { keywords: ['Failed password'], condition: 'keywords' }, sshEvent),
    ).toBe(false);
  });
  it('auth and syslog-wide rules apply to linux decoders', () => {
    expect(
      hits({ product: 'linux', service: 'auth' }, { keywords: ['for root'], condition: 'keywords' }, sshEvent),
    ).toBe(true);
    expect(hits({ product: 'linux' }, { keywords: ['for root'], condition: 'keywords' }, sshEvent)).toBe(true);
    expect(
      hits(
        { product: 'linux' },
        { keywords: ['for root'], condition: 'keywords' },
        { ...sshEvent, event: { module: 'windows' } },
      ),
    ).toBe(false);
  });
  it('auditd fields fall back to auditd.log.<field>', () => {
    const ev = { event: { module: 'auditd' }, auditd: { log: { record_type: 'EXECVE', a0: 'nc' } } };
    expect(
      hits({ product: 'linux', service: 'auditd' }, { sel: { type: 'EXECVE', a0: 'nc' }, condition: 'sel' }, ev),
    ).toBe(true);
  });
});

describe('ECS mapping: firewall and web', () => {
  it('firewall rules use observer.type and network fields', () => {
    const ev = {
      event: { category: ['network'] },
      observer: { type: 'firewall', vendor: 'pfSense' },
      destination: { port: 3389 },
      source: { ip: '198.51.100.7' },
    };
    expect(
      hits(
        { category: 'firewall' },
        { sel: { dst_port: 3389, 'src_ip|cidr': '198.51.100.0/24' }, condition: 'sel' },
        ev,
      ),
    ).toBe(true);
    expect(
      hits(
        { category: 'firewall' },
        { sel: { dst_port: 3389 }, condition: 'sel' },
        { ...ev, observer: { type: 'ids' } },
      ),
    ).toBe(false);
  });
  it('webserver rules map W3C names to url / http fields', () => {
    const ev = {
      event: { dataset: 'nginx.access' },
      url: { original: '/index.php?id=1 UNION SELECT', query: 'id=1 UNION SELECT' },
      http: { request: { method: 'GET' }, response: { status_code: 200 } },
      user_agent: { original: 'sqlmap/1.7' },
    };
    const det = {
      sel: { 'cs-uri-query|contains': 'union select', 'cs-method': 'GET', 'sc-status': 200 },
      condition: 'sel',
    };
    expect(hits({ category: 'webserver' }, det, ev)).toBe(true);
    expect(hits({ category: 'webserver' }, { sel: { 'c-useragent|contains': 'sqlmap' }, condition: 'sel' }, ev)).toBe(
      true,
    );
    expect(hits({ category: 'webserver' }, det, { ...ev, event: { dataset: 'system.auth' } })).toBe(false);
  });
});

describe('ECS mapping: unmapped log sources', () => {
  it('apply only to events whose module/dataset/provider/process name equals the log source value', () => {
    const det = { keywords: ['login failed'], condition: 'keywords' };
    const ls = { product: 'vsftpd' };
    expect(hits(ls, det, { event: { module: 'vsftpd' }, message: 'FAIL LOGIN: login failed' })).toBe(true);
    expect(hits(ls, det, { process: { name: 'vsftpd' }, message: 'login failed' })).toBe(true);
    expect(hits(ls, det, { event: { module: 'sshd' }, message: 'login failed' })).toBe(false);
  });
  it('service of a known product adds product.service as a dataset candidate', () => {
    const r = resolveLogsource(ecsMapping(), { product: 'aws', service: 'cloudtrail' });
    expect(r.entries).toEqual([]);
    expect(JSON.stringify(r.constraint)).toContain('aws.cloudtrail');
  });
  it('an empty log source has no constraint', () => {
    expect(resolveLogsource(ecsMapping(), {}).constraint).toBeUndefined();
  });
});

describe('mapping file validation', () => {
  it('rejects malformed mappings with a typed error', () => {
    expect(() => loadFieldMappingYaml('logsources: 3')).toThrow(FieldMappingError);
    expect(() => loadFieldMappingYaml('fields: {a: {b: 1}}')).toThrow(FieldMappingError);
    expect(() => loadFieldMappingYaml('logsources: [{logsource: {product: 1}}]')).toThrow(FieldMappingError);
  });
});
