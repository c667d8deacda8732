import { bsdTime, RULES, Scenario, times } from './scenario-harness';

const HOST = 'bastion-vitry';
const ATTACKER = '45.141.84.126';
const failed = (at: string, i: number, ip = ATTACKER) =>
  `<38>${bsdTime(at)} ${HOST} sshd[${7000 + i}]: Failed password for deploy from ${ip} port ${51000 + i} ssh2`;
const accepted = (at: string, ip = ATTACKER) =>
  `<38>${bsdTime(at)} ${HOST} sshd[7100]: Accepted password for deploy from ${ip} port 51999 ssh2`;

describe('scenario: SSH brute force followed by a successful login (temporal_ordered, chained)', () => {
  it('raises the brute-force alert, then the high alert when the same source logs in', () => {
    const s = new Scenario();
    const at = times('2026-11-29T21:05:00Z', 6, 4_000);
    s.feed(at.slice(0, 5).map((t, i) => ({ raw: failed(t, i), at: t, member: 'vitry', peer: '10.50.0.8' })));
    expect(s.final(RULES.sshBruteForce)).toHaveLength(1);
    const chained = s.feed([{ raw: accepted(at[5]), at: at[5], member: 'vitry', peer: '10.50.0.8' }]);
    expect(chained).toHaveLength(1);
    expect(chained[0]).toMatchObject({
      status: 'new',
      rule: { id: RULES.sshBruteForceSuccess, level: 'high' },
      groupValues: { 'organization.id': 'vitry', Hostname: HOST, 'source.ip': ATTACKER },
      // the chain starts at the brute-force alert (its last failure) and ends at the login
      firstSeen: '2026-11-29T21:05:16.000Z',
      lastSeen: '2026-11-29T21:05:20.000Z',
      count: 2,
      members: ['vitry'],
    });
    // A successful login alone (base rule) is never an alert.
    expect(s.alerts.map((a) => a.rule.id).sort()).toEqual([RULES.sshBruteForce, RULES.sshBruteForceSuccess].sort());
  });

  it('stays silent for a login without a preceding brute force', () => {
    const s = new Scenario();
    const at = times('2026-11-29T21:05:00Z', 4, 4_000);
    s.feed(at.slice(0, 3).map((t, i) => ({ raw: failed(t, i), at: t })));
    s.feed([{ raw: accepted(at[3]), at: at[3] }]);
    expect(s.alerts).toEqual([]);
  });

  it('stays silent when the login comes from another source or after 10 minutes', () => {
    const s = new Scenario();
    const at = times('2026-11-29T21:05:00Z', 5, 4_000);
    s.feed(at.map((t, i) => ({ raw: failed(t, i), at: t })));
    s.feed([{ raw: accepted('2026-11-29T21:06:00Z', '192.0.2.200'), at: '2026-11-29T21:06:00Z' }]);
    s.feed([{ raw: accepted('2026-11-29T21:20:00Z'), at: '2026-11-29T21:20:00Z' }]);
    expect(s.of(RULES.sshBruteForce)).toHaveLength(1);
    expect(s.of(RULES.sshBruteForceSuccess)).toEqual([]);
  });
});
