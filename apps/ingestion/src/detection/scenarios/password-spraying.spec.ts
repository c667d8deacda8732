import { bsdTime, nxlog, RULES, Scenario, times } from './scenario-harness';

const SPRAYER = '91.92.109.23';

describe('scenario: password spraying (value_count ≥ 5 user names per source in 10 min)', () => {
  it('counts distinct accounts over SSH and Windows logon failures from the same source', () => {
    const s = new Scenario();
    const at = times('2026-11-29T09:00:00Z', 5, 45_000);
    const users = ['mmartin', 'jdupont', 'pmoreau', 'sleroy', 'agarcia'];
    const lines = users.map((u, i) =>
      i < 3
        ? {
            raw: `<38>${bsdTime(at[i])} srv-web-gentilly sshd[${300 + i}]: Failed password for ${u} from ${SPRAYER} port ${40000 + i} ssh2`,
            at: at[i],
            member: 'gentilly',
          }
        : {
            raw: nxlog(at[i], 'DC01.gentilly.local', {
              EventID: 4625,
              EventType: 'AUDIT_FAILURE',
              TargetUserName: u,
              TargetDomainName: 'GENTILLY',
              Status: '0xc000006d',
              SubStatus: '0xc000006a',
              LogonType: '3',
              IpAddress: SPRAYER,
              IpPort: '0',
              WorkstationName: '-',
              LogonProcessName: 'NtLmSsp ',
              AuthenticationPackageName: 'NTLM',
            }),
            at: at[i],
            member: 'gentilly',
          },
    );
    s.feed(lines);
    // Two hosts (two keys of siem.events.v1): counted by the second stage, one input per failure.
    expect(s.inputs).toBe(5);
    const alerts = s.final(RULES.passwordSpraying);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      status: 'new',
      rule: { level: 'high' },
      groupValues: { 'organization.id': 'gentilly', 'source.ip': SPRAYER },
      firstSeen: '2026-11-29T09:00:00.000Z',
      lastSeen: '2026-11-29T09:03:00.000Z',
      count: 5,
      members: ['gentilly'],
    });
    // 45 s apart: never 5 SSH failures in 2 minutes, so no brute-force alert.
    expect(s.of(RULES.sshBruteForce)).toEqual([]);
  });

  it('stays silent with 4 accounts, or with one account tried many times', () => {
    const s = new Scenario();
    const at = times('2026-11-29T09:00:00Z', 12, 20_000);
    const four = ['a.roux', 'b.roux', 'c.roux', 'd.roux'];
    s.feed(
      four.map((u, i) => ({
        raw: `<38>${bsdTime(at[i])} srv sshd[1]: Failed password for ${u} from ${SPRAYER} port 1 ssh2`,
        at: at[i],
      })),
    );
    s.feed(
      at.slice(4).map((t, i) => ({
        raw: `<38>${bsdTime(t)} srv sshd[2]: Failed password for a.roux from 198.51.100.9 port ${i} ssh2`,
        at: t,
      })),
    );
    expect(s.of(RULES.passwordSpraying)).toEqual([]);
    // the second source is a (per-host) brute force instead
    expect(s.final(RULES.sshBruteForce)).toHaveLength(1);
    expect(s.final(RULES.sshBruteForce)[0].groupValues['source.ip']).toBe('198.51.100.9');
  });

  it('ignores Windows failures without a remote address', () => {
    const s = new Scenario();
    const at = times('2026-11-29T09:00:00Z', 6, 1_000);
    s.feed(
      at.map((t, i) => ({
        raw: nxlog(t, 'PC-URBA-12', {
          EventID: 4625,
          TargetUserName: `user${i}`,
          LogonType: '2',
          IpAddress: '-',
          IpPort: '-',
        }),
        at: t,
      })),
    );
    expect(s.alerts).toEqual([]);
  });
});
