import { bsdTime, RULES, Scenario } from './scenario-harness';

const AT = '2026-11-29T10:41:07Z';
const sudo = (user: string, target = 'root', cmd = '/usr/bin/systemctl restart nginx') =>
  `<85>${bsdTime(AT)} srv-mairie sudo[3345]:   ${user} : TTY=pts/1 ; PWD=/home/${user} ; USER=${target} ; COMMAND=${cmd}`;

describe('scenario: sudo or su to root by an account outside the allow list', () => {
  it('alerts on sudo to root by an unlisted account', () => {
    const s = new Scenario();
    const alerts = s.feed([{ raw: sudo('mmartin', 'root', '/bin/bash'), at: AT, member: 'arcueil' }]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'match',
      status: 'new',
      rule: { id: RULES.rootElevation, level: 'medium' },
      groupValues: { 'organization.id': 'arcueil', 'host.name': 'srv-mairie' },
      groupKey: 'arcueil|srv-mairie',
      count: 1,
      firstSeen: '2026-11-29T10:41:07.000Z',
      lastSeen: '2026-11-29T10:41:07.000Z',
      members: ['arcueil'],
    });
    expect(alerts[0].sampleEventIds).toHaveLength(1);
    expect(alerts[0].alertKey).toBe(`${RULES.rootElevation}:arcueil|srv-mairie:${alerts[0].sampleEventIds[0]}`);
  });

  it('alerts on su to root (shadow-utils and util-linux formats)', () => {
    const s = new Scenario();
    s.feed([
      { raw: `<86>${bsdTime(AT)} srv-mairie su[4100]: Successful su for root by bob`, at: AT },
      { raw: `<86>${bsdTime(AT)} srv-rh8 su[4101]: (to root) bob on pts/0`, at: AT },
    ]);
    expect(s.of(RULES.rootElevation).map((a) => a.groupValues['host.name'])).toEqual(['srv-mairie', 'srv-rh8']);
  });

  it('stays silent for allow-listed accounts (exact and wildcard), other targets and refusals', () => {
    const s = new Scenario();
    s.feed([
      { raw: sudo('ansible'), at: AT },
      { raw: sudo('adm-dupont'), at: AT },
      { raw: sudo('mmartin', 'postgres', '/usr/bin/psql'), at: AT },
      { raw: `<86>${bsdTime(AT)} srv-mairie su[4100]: Successful su for root by root`, at: AT },
      { raw: `<86>${bsdTime(AT)} srv-mairie su[4100]: FAILED su for root by bob`, at: AT },
      {
        raw: `<85>${bsdTime(AT)} srv-mairie sudo[3345]:     alice : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow`,
        at: AT,
      },
    ]);
    expect(s.alerts).toEqual([]);
  });
});
