import { WorkingHoursCalendar } from '../working-hours';
import { bsdTime, nxlog, RULES, Scenario } from './scenario-harness';

const accepted = (at: string, user: string) =>
  `<38>${bsdTime(at)} srv-compta sshd[8123]: Accepted publickey for ${user} from 10.20.3.15 port 52214 ssh2: ED25519 SHA256:Qe3Qj3Yb2iFvLq8o9f0ZpXcW1k2y7nB0dJ5sT4uVwXs`;

describe('scenario: administrator login outside working hours (member local time)', () => {
  it('alerts on a root SSH login at 22:30 Paris time on a weekday', () => {
    const s = new Scenario();
    // Thursday 26 November 2026, 22:30 in Paris (UTC+1)
    const at = '2026-11-26T21:30:00Z';
    const alerts = s.feed([{ raw: accepted(at, 'root'), at, member: 'gentilly' }]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      rule: { id: RULES.lnxAdminOffHours, level: 'medium' },
      groupValues: { 'organization.id': 'gentilly', 'host.name': 'srv-compta' },
      firstSeen: at.replace('Z', '.000Z'),
    });
  });

  it('follows daylight saving time: 06:30 Paris in July is off hours, 07:30 is not', () => {
    const s = new Scenario();
    s.feed([{ raw: accepted('2026-07-09T04:30:00Z', 'adm-dupont'), at: '2026-07-09T04:30:00Z' }]);
    s.feed([{ raw: accepted('2026-07-09T05:30:00Z', 'adm-dupont'), at: '2026-07-09T05:30:00Z' }]);
    expect(s.of(RULES.lnxAdminOffHours).map((a) => a.firstSeen)).toEqual(['2026-07-09T04:30:00.000Z']);
  });

  it('treats week-ends and public holidays as off hours, working hours as normal', () => {
    const s = new Scenario();
    const saturday = '2026-11-28T09:00:00Z'; // 10:00 Paris
    const armistice = '2026-11-11T09:00:00Z'; // Wednesday, public holiday
    const monday = '2026-11-30T09:00:00Z';
    for (const at of [saturday, armistice, monday]) s.feed([{ raw: accepted(at, 'root'), at }]);
    expect(s.of(RULES.lnxAdminOffHours).map((a) => a.firstSeen)).toEqual([
      '2026-11-28T09:00:00.000Z',
      '2026-11-11T09:00:00.000Z',
    ]);
  });

  it('stays silent for ordinary accounts at night', () => {
    const s = new Scenario();
    const at = '2026-11-26T23:10:00Z';
    s.feed([{ raw: accepted(at, 'mmartin'), at }]);
    expect(s.alerts).toEqual([]);
  });

  it('alerts on a Windows RDP logon of an admin account at night, not on a network logon', () => {
    const s = new Scenario();
    const at = '2026-11-27T02:14:00Z'; // Friday 03:14 Paris
    const logon = (type: string) =>
      nxlog(at, 'SRV-RDS01.vitry.local', {
        EventID: 4624,
        Task: 12544,
        TargetUserName: 'adm-jdupont',
        TargetDomainName: 'VITRY',
        TargetUserSid: 'S-1-5-21-1-2-3-1201',
        TargetLogonId: '0x8a2f11',
        LogonType: type,
        LogonProcessName: 'User32 ',
        AuthenticationPackageName: 'Negotiate',
        WorkstationName: 'PC-DSI-04',
        IpAddress: '10.60.4.21',
        IpPort: '51022',
      });
    s.feed([
      { raw: logon('10'), at, member: 'vitry' },
      { raw: logon('3'), at, member: 'vitry' },
    ]);
    expect(s.of(RULES.winAdminOffHours)).toHaveLength(1);
    expect(s.of(RULES.winAdminOffHours)[0].groupKey).toBe('vitry|SRV-RDS01.vitry.local');
  });

  it('uses the member calendar when one is configured', () => {
    const calendar = WorkingHoursCalendar.fromYaml(`
members:
  vitry:
    days: [mon, tue, wed, thu, fri, sat]
    start: '06:00'
    end: '23:00'
`);
    const s = new Scenario({ calendar });
    const at = '2026-11-28T21:30:00Z'; // Saturday 22:30 Paris
    s.feed([{ raw: accepted(at, 'root'), at, member: 'vitry' }]);
    s.feed([{ raw: accepted(at, 'root'), at, member: 'ivry' }]);
    expect(s.of(RULES.lnxAdminOffHours).map((a) => a.members)).toEqual([['ivry']]);
  });
});
