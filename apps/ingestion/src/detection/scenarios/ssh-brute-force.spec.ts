import { bsdTime, RULES, Scenario, times } from './scenario-harness';

const HOST = 'srv-ivry-01';
const ATTACKER = '185.220.101.47';

const failed = (at: string, user: string, ip = ATTACKER, pid = 5774, port = 29160) =>
  `<38>${bsdTime(at)} ${HOST} sshd[${pid}]: Failed password for ${user === 'admin' ? 'invalid user ' : ''}${user} from ${ip} port ${port} ssh2`;

describe('scenario: SSH brute force (event_count ≥ 5 failures in 2 min per member, host and source)', () => {
  it('raises one alert at the 5th failure and updates it while the window is open', () => {
    const s = new Scenario();
    const at = times('2026-11-29T12:33:41Z', 7, 10_000);
    const users = ['root', 'root', 'admin', 'root', 'admin', 'root', 'root'];
    for (let i = 0; i < 4; i++)
      expect(s.feed([{ raw: failed(at[i], users[i], ATTACKER, 5774 + i, 29160 + i), at: at[i] }])).toEqual([]);
    const fifth = s.feed([{ raw: failed(at[4], users[4], ATTACKER, 5778, 29164), at: at[4] }]);
    expect(fifth).toHaveLength(1);
    expect(fifth[0]).toMatchObject({
      status: 'new',
      kind: 'correlation',
      rule: { id: RULES.sshBruteForce, level: 'medium', title: 'Force brute SSH' },
      groupValues: { 'organization.id': 'ivry', Hostname: HOST, 'source.ip': ATTACKER },
      firstSeen: '2026-11-29T12:33:41.000Z',
      lastSeen: '2026-11-29T12:34:21.000Z',
      count: 5,
      members: ['ivry'],
      at: '2026-11-30T08:00:00.000Z',
    });
    expect(fifth[0].rule.tags).toEqual(expect.arrayContaining(['attack.credential-access', 'attack.t1110.001']));
    expect(fifth[0].sampleEventIds).toHaveLength(5);
    const more = s.feed(
      at.slice(5).map((t, i) => ({ raw: failed(t, users[5 + i], ATTACKER, 5779 + i, 29165 + i), at: t })),
    );
    expect(more.map((a) => [a.status, a.count, a.alertKey])).toEqual([
      ['update', 6, fifth[0].alertKey],
      ['update', 7, fifth[0].alertKey],
    ]);
    expect(more[1].lastSeen).toBe('2026-11-29T12:34:41.000Z');
    // The base rule (single failures) raises nothing by itself.
    expect(s.alerts.every((a) => a.rule.id === RULES.sshBruteForce)).toBe(true);
  });

  it('counts keyboard-interactive, none and "invalid user" failures', () => {
    const s = new Scenario();
    const at = times('2026-11-29T02:10:00Z', 5, 1_000);
    s.feed([
      {
        raw: `<38>${bsdTime(at[0])} ${HOST} sshd[901]: Failed keyboard-interactive/pam for root from ${ATTACKER} port 40001 ssh2`,
        at: at[0],
      },
      { raw: failed(at[1], 'admin'), at: at[1] },
      {
        raw: `<38>${bsdTime(at[2])} ${HOST} sshd[903]: Failed password for invalid user oracle from ${ATTACKER} port 40003 ssh2`,
        at: at[2],
      },
      {
        raw: `<38>${bsdTime(at[3])} ${HOST} sshd[904]: Failed none for invalid user ubnt from ${ATTACKER} port 40004 ssh2`,
        at: at[3],
      },
      { raw: failed(at[4], 'root'), at: at[4] },
    ]);
    expect(s.final(RULES.sshBruteForce)).toHaveLength(1);
    expect(s.final(RULES.sshBruteForce)[0].count).toBe(5);
  });

  it('stays silent below the threshold: 4 failures', () => {
    const s = new Scenario();
    const at = times('2026-11-29T12:33:41Z', 4, 5_000);
    s.feed(at.map((t, i) => ({ raw: failed(t, 'root', ATTACKER, 100 + i), at: t })));
    s.flush('2026-11-29T13:00:00Z');
    expect(s.alerts).toEqual([]);
  });

  it('stays silent when 5 failures are spread over more than 2 minutes', () => {
    const s = new Scenario();
    const at = times('2026-11-29T12:33:41Z', 5, 35_000);
    s.feed(at.map((t, i) => ({ raw: failed(t, 'root', ATTACKER, 100 + i), at: t })));
    expect(s.of(RULES.sshBruteForce)).toEqual([]);
  });

  it('keeps sources, hosts and members apart', () => {
    const s = new Scenario();
    const at = times('2026-11-29T12:33:41Z', 5, 1_000);
    // 5 failures, but from 5 different sources
    s.feed(at.map((t, i) => ({ raw: failed(t, 'root', `203.0.113.${10 + i}`, 100 + i), at: t })));
    // 3 from the attacker to ivry, 2 to the same host name at vitry
    s.feed(at.slice(0, 3).map((t, i) => ({ raw: failed(t, 'root', ATTACKER, 200 + i), at: t, member: 'ivry' })));
    s.feed(at.slice(3).map((t, i) => ({ raw: failed(t, 'root', ATTACKER, 300 + i), at: t, member: 'vitry' })));
    expect(s.of(RULES.sshBruteForce)).toEqual([]);
  });
});
