import { bsdTime, nxlog, RULES, Scenario } from './scenario-harness';

const AT = '2026-11-29T14:05:12Z';

describe('scenario: account created (Windows 4720, Linux useradd)', () => {
  it('alerts on a Windows 4720 (NXLog JSON)', () => {
    const s = new Scenario();
    const alerts = s.feed([
      {
        raw: nxlog(AT, 'DC01.gentilly.local', {
          EventID: 4720,
          Task: 13824,
          SubjectUserSid: 'S-1-5-21-1-2-3-1105',
          SubjectUserName: 'adm-rh',
          SubjectDomainName: 'GENTILLY',
          SubjectLogonId: '0x4b2c11',
          TargetUserName: 'mmartin',
          TargetDomainName: 'GENTILLY',
          TargetSid: 'S-1-5-21-1-2-3-1302',
          SamAccountName: 'mmartin',
          UserPrincipalName: 'mmartin@gentilly.local',
        }),
        at: AT,
        member: 'gentilly',
      },
    ]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      rule: { id: RULES.winAccountCreated, level: 'low' },
      groupValues: { 'organization.id': 'gentilly', 'host.name': 'DC01.gentilly.local' },
      count: 1,
      firstSeen: '2026-11-29T14:05:12.000Z',
    });
    expect(alerts[0].rule.tags).toContain('attack.t1136');
  });

  it('alerts on useradd, not on groupadd or user deletion', () => {
    const s = new Scenario();
    s.feed([
      { raw: `<86>${bsdTime(AT)} srv-ged useradd[2231]: new group: name=jdupont, GID=1001`, at: AT },
      {
        raw: `<86>${bsdTime(AT)} srv-ged useradd[2231]: new user: name=jdupont, UID=1001, GID=1001, home=/home/jdupont, shell=/bin/bash, from=/dev/pts/0`,
        at: AT,
      },
      { raw: `<86>${bsdTime(AT)} srv-ged groupadd[2240]: group added to /etc/group: name=rgpd, GID=1002`, at: AT },
      { raw: `<86>${bsdTime(AT)} srv-ged userdel[2250]: delete user 'olduser'`, at: AT },
    ]);
    expect(s.alerts.map((a) => [a.rule.id, a.groupValues['host.name']])).toEqual([
      [RULES.lnxAccountCreated, 'srv-ged'],
    ]);
  });
});
