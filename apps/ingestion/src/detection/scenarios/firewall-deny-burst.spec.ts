import { fortigate, iptables, stormshield } from './firewall-lines';
import { RULES, Scenario, times } from './scenario-harness';

const SOURCE = '10.60.12.34';

describe('scenario: burst of denied connections (event_count ≥ 50 per source in 1 min)', () => {
  it('alerts at the 50th denied connection', () => {
    const s = new Scenario();
    const at = times('2026-11-29T16:00:00Z', 55, 1_000);
    const lines = at.map((t, i) => ({
      raw: i % 2 === 0 ? fortigate(t, SOURCE, 445, 'deny') : stormshield(t, SOURCE, 445, 'block'),
      at: t,
      member: 'vitry',
    }));
    const out = lines.map((l) => s.feed([l]));
    expect(out.slice(0, 49).flat()).toEqual([]);
    expect(out[49][0]).toMatchObject({
      status: 'new',
      rule: { id: RULES.denyBurst, level: 'low' },
      groupValues: { 'organization.id': 'vitry', 'source.ip': SOURCE },
      firstSeen: '2026-11-29T16:00:00.000Z',
      lastSeen: '2026-11-29T16:00:49.000Z',
      count: 50,
    });
    expect(out[49][0].sampleEventIds).toHaveLength(20);
    expect(s.final(RULES.denyBurst)[0].count).toBe(55);
  });

  it('stays silent with 49 denies, or with 60 accepted connections', () => {
    const s = new Scenario();
    const at = times('2026-11-29T16:00:00Z', 60, 500);
    s.feed(at.slice(0, 49).map((t) => ({ raw: iptables(t, SOURCE, 3389), at: t })));
    s.feed(at.map((t) => ({ raw: fortigate(t, '10.60.12.35', 443, 'accept'), at: t })));
    s.feed(at.map((t) => ({ raw: stormshield(t, '10.60.12.36', 443, 'pass'), at: t })));
    expect(s.of(RULES.denyBurst)).toEqual([]);
  });
});
