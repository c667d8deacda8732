import { bsdTime, nxlog, RULES, Scenario } from './scenario-harness';

const AT = '2026-11-29T12:33:41Z';

describe('scenario: Windows service installed (7045, 4697)', () => {
  it('alerts on 7045 (Snare) and 4697 (NXLog)', () => {
    const s = new Scenario();
    s.feed([
      {
        raw: `<14>${bsdTime(AT)} srv-app MSWinEventLog\t1\tSystem\t5521\tSun Nov 29 13:33:41 2026\t7045\tService Control Manager\tN/A\tN/A\tInformation\tsrv-app.vitry.local\tNone\t\tA service was installed in the system.    Service Name:  PSEXESVC   Service File Name:  %SystemRoot%\\PSEXESVC.exe   Service Type:  user mode service   Service Start Type:  demand start   Service Account:  LocalSystem\t5521`,
        at: AT,
        member: 'vitry',
      },
      {
        raw: nxlog(AT, 'WKS-COMPTA-03.ivry.local', {
          EventID: 4697,
          Task: 12289,
          SubjectUserName: 'adm-si',
          SubjectDomainName: 'IVRY',
          ServiceName: 'updsvc',
          ServiceFileName: 'C:\\Users\\Public\\updsvc.exe',
          ServiceType: '0x10',
          ServiceStartType: '2',
          ServiceAccount: 'LocalSystem',
        }),
        at: AT,
      },
    ]);
    const alerts = s.of(RULES.serviceInstalled);
    expect(alerts.map((a) => a.groupKey)).toEqual(['vitry|srv-app.vitry.local', 'ivry|WKS-COMPTA-03.ivry.local']);
    expect(alerts[1]).toMatchObject({ rule: { level: 'medium' }, count: 1, status: 'new' });
  });

  it('stays silent for a service state change (7036)', () => {
    const s = new Scenario();
    s.feed([
      {
        raw: nxlog(AT, 'srv-app', {
          EventID: 7036,
          Channel: 'System',
          SourceName: 'Service Control Manager',
          param1: 'Windows Update',
          param2: 'running',
        }),
        at: AT,
      },
    ]);
    expect(s.alerts).toEqual([]);
  });
});
