import { fortigate, iptables, pfsense, stormshield } from './firewall-lines';
import { RULES, Scenario, times } from './scenario-harness';

const SCANNER = '162.142.125.217';
const PORTS = [
  21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1433, 1723, 3306, 3389, 5900, 8080, 8443,
];

function scanLine(i: number, at: string, port: number, src = SCANNER): string {
  switch (i % 4) {
    case 0:
      return stormshield(at, src, port, 'block');
    case 1:
      return fortigate(at, src, port, 'deny');
    case 2:
      return pfsense(at, src, port);
    default:
      return iptables(at, src, port);
  }
}

describe('scenario: firewall port scan (value_count ≥ 20 destination ports per source in 1 min)', () => {
  it('alerts at the 20th distinct port, across Stormshield, FortiGate, pfSense and iptables logs', () => {
    const s = new Scenario();
    const at = times('2026-11-29T03:12:00Z', 22, 2_000);
    const out = PORTS.map((p, i) => s.feed([{ raw: scanLine(i, at[i], p), at: at[i] }]));
    expect(out.slice(0, 19).flat()).toEqual([]);
    expect(out[19]).toHaveLength(1);
    expect(out[19][0]).toMatchObject({
      status: 'new',
      rule: { id: RULES.portScan, level: 'medium' },
      groupValues: { 'organization.id': 'ivry', 'source.ip': SCANNER },
      firstSeen: '2026-11-29T03:12:00.000Z',
      lastSeen: '2026-11-29T03:12:38.000Z',
      count: 20,
    });
    const final = s.final(RULES.portScan);
    expect(final).toHaveLength(1);
    expect(final[0]).toMatchObject({ status: 'update', count: 22, lastSeen: '2026-11-29T03:12:42.000Z' });
  });

  it('stays silent with 19 ports, or with many connections to a few ports', () => {
    const s = new Scenario();
    const at = times('2026-11-29T03:12:00Z', 40, 1_000);
    s.feed(PORTS.slice(0, 19).map((p, i) => ({ raw: scanLine(i, at[i], p), at: at[i] })));
    s.feed(at.map((t, i) => ({ raw: stormshield(t, '10.44.0.12', [80, 443, 53][i % 3], 'pass'), at: t })));
    expect(s.of(RULES.portScan)).toEqual([]);
  });

  it('stays silent when the ports are spread over more than a minute', () => {
    const s = new Scenario();
    const at = times('2026-11-29T03:12:00Z', 22, 4_000);
    s.feed(PORTS.map((p, i) => ({ raw: scanLine(i, at[i], p), at: at[i] })));
    expect(s.of(RULES.portScan)).toEqual([]);
  });
});
