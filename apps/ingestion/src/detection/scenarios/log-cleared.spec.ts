import { bsdTime, nxlog, RULES, Scenario } from './scenario-harness';

const AT = '2026-11-29T12:33:41Z';

describe('scenario: Windows event log cleared (1102, 104)', () => {
  it('alerts on 1102 from Snare and from NXLog, and on System 104', () => {
    const s = new Scenario();
    s.feed([
      {
        raw: `<14>${bsdTime(AT)} dc01 MSWinEventLog\t1\tSecurity\t77\tSun Nov 29 13:33:41 2026\t1102\tMicrosoft-Windows-Eventlog\tN/A\tN/A\tSuccess Audit\tdc01.vitry.local\tLog clear\t\tThe audit log was cleared.  Subject:   Security ID: S-1-5-21-1004336348-1177238915-682003330-500   Account Name: Administrateur   Domain Name: VITRY   Logon ID: 0x4B2C11\t77`,
        at: AT,
        member: 'vitry',
      },
      {
        raw: nxlog(AT, 'SRV-FIC.ivry.local', {
          EventID: 1102,
          SourceName: 'Microsoft-Windows-Eventlog',
          Task: 104,
          SubjectUserSid: 'S-1-5-21-1-2-3-500',
          SubjectUserName: 'Administrateur',
          SubjectDomainName: 'IVRY',
          SubjectLogonId: '0x3e7',
        }),
        at: AT,
      },
      {
        raw: nxlog(AT, 'SRV-FIC.ivry.local', {
          EventID: 104,
          Channel: 'System',
          SourceName: 'Microsoft-Windows-Eventlog',
          SubjectUserName: 'Administrateur',
        }),
        at: AT,
      },
    ]);
    const alerts = s.of(RULES.logCleared);
    expect(alerts.map((a) => [a.groupValues['organization.id'], a.groupValues['host.name']])).toEqual([
      ['vitry', 'dc01.vitry.local'],
      ['ivry', 'SRV-FIC.ivry.local'],
      ['ivry', 'SRV-FIC.ivry.local'],
    ]);
    expect(alerts[0]).toMatchObject({ rule: { level: 'high' }, count: 1 });
    expect(alerts[0].rule.tags).toEqual(expect.arrayContaining(['attack.defense-evasion', 'attack.t1070.001']));
  });

  it('stays silent for the event log service shutting down (1100) and 104 from another provider', () => {
    const s = new Scenario();
    s.feed([
      { raw: nxlog(AT, 'SRV-FIC', { EventID: 1100, SourceName: 'Microsoft-Windows-Eventlog' }), at: AT },
      {
        raw: nxlog(AT, 'SRV-FIC', { EventID: 104, Channel: 'System', SourceName: 'Microsoft-Windows-Kernel-Power' }),
        at: AT,
      },
    ]);
    expect(s.alerts).toEqual([]);
  });
});
