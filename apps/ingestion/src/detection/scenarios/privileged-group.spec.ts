import { bsdTime, nxlog, RULES, Scenario } from './scenario-harness';

const AT = '2026-11-29T15:20:00Z';
const groupEvent = (eventId: number, group: string, sid: string, domain = 'GENTILLY') =>
  nxlog(AT, 'DC01.gentilly.local', {
    EventID: eventId,
    Task: 13826,
    SubjectUserName: 'adm-si',
    SubjectDomainName: 'GENTILLY',
    MemberName: 'CN=Martin\\, Marie,OU=Utilisateurs,DC=gentilly,DC=local',
    MemberSid: 'S-1-5-21-1004336348-1177238915-682003330-1302',
    TargetUserName: group,
    TargetDomainName: domain,
    TargetSid: sid,
  });

describe('scenario: account added to a privileged group (4728, 4732, 4756; usermod/gpasswd)', () => {
  it('alerts for Domain Admins (French name), local Administrators and Enterprise Admins', () => {
    const s = new Scenario();
    s.feed([
      { raw: groupEvent(4728, 'Admins du domaine', 'S-1-5-21-1004336348-1177238915-682003330-512'), at: AT },
      { raw: groupEvent(4732, 'Administrateurs', 'S-1-5-32-544', 'Builtin'), at: AT },
      { raw: groupEvent(4756, 'Enterprise Admins', 'S-1-5-21-1004336348-1177238915-682003330-519'), at: AT },
    ]);
    const alerts = s.of(RULES.winPrivilegedGroup);
    expect(alerts).toHaveLength(3);
    expect(alerts[0]).toMatchObject({ rule: { level: 'high' }, count: 1, members: ['ivry'] });
    expect(new Set(alerts.map((a) => a.alertKey)).size).toBe(3);
  });

  it('stays silent for ordinary groups', () => {
    const s = new Scenario();
    s.feed([
      { raw: groupEvent(4756, 'VPN-Users', 'S-1-5-21-1004336348-1177238915-682003330-2101'), at: AT },
      { raw: groupEvent(4732, 'Utilisateurs du modèle COM distribué', 'S-1-5-32-562', 'Builtin'), at: AT },
    ]);
    expect(s.alerts).toEqual([]);
  });

  it('alerts on Linux sudo/wheel membership, not on other groups', () => {
    const s = new Scenario();
    s.feed([
      { raw: `<86>${bsdTime(AT)} srv-ged gpasswd[2280]: user jdupont added by root to group sudo`, at: AT },
      { raw: `<86>${bsdTime(AT)} srv-rh8 usermod[2290]: add 'jdupont' to group 'wheel'`, at: AT },
      { raw: `<86>${bsdTime(AT)} srv-ged gpasswd[2281]: user jdupont added by root to group rgpd`, at: AT },
    ]);
    expect(s.of(RULES.lnxPrivilegedGroup).map((a) => a.groupValues['host.name'])).toEqual(['srv-ged', 'srv-rh8']);
    expect(s.alerts).toHaveLength(2);
  });
});
