import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { BusMessage, EventBus } from '@vigie/bus';
import { AlertMessage, Topics } from '@vigie/contracts';
import { startEmbeddedApp, TestApp } from '@vigie/testing';

const SSH_BRUTE_FORCE = '38f9af8f-e95b-4df7-930b-418f801a05f5';

async function waitFor<T>(fn: () => T | undefined, ms = 10000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

function sshFailure(host: string, attacker: string, i: number): string {
  return `<38>1 ${new Date().toISOString()} ${host} sshd ${4200 + i} - - Failed password for root from ${attacker} port ${50000 + i} ssh2`;
}

describe('detection end to end (syslog → normaliser → detector → siem.alerts.v1)', () => {
  let t: TestApp;
  const alerts: Array<{ alert: AlertMessage; key: string; receivedAt: number }> = [];

  beforeAll(async () => {
    t = await startEmbeddedApp();
    await t.app.get(EventBus).subscribe({
      groupId: 'e2e-alerts',
      topics: [Topics.alerts],
      handler: async (batch: BusMessage[]) => {
        const now = performance.now();
        for (const m of batch) alerts.push({ alert: JSON.parse(m.value) as AlertMessage, key: m.key, receivedAt: now });
      },
    });
  });
  afterAll(() => t?.close());

  it('raises the SSH brute-force alert within 1 s of the last line sent over UDP', async () => {
    const udp = createSocket('udp4');
    const attacker = '198.51.100.23';
    let lastSent = 0;
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((r) =>
        udp.send(sshFailure('srv-e2e-udp', attacker, i), t.syslogPort, '127.0.0.1', () => r()),
      );
      lastSent = performance.now();
    }
    udp.close();
    const got = await waitFor(() =>
      alerts.find((a) => a.alert.rule.id === SSH_BRUTE_FORCE && a.alert.groupValues['source.ip'] === attacker),
    );
    const latencyMs = got.receivedAt - lastSent;
    console.log(`UDP: alert ${latencyMs.toFixed(1)} ms after the last line`);
    expect(latencyMs).toBeLessThan(1000);
    expect(got.alert).toMatchObject({
      status: 'new',
      kind: 'correlation',
      rule: { id: SSH_BRUTE_FORCE, level: 'medium' },
      groupValues: { 'organization.id': 'unattributed', Hostname: 'srv-e2e-udp', 'source.ip': attacker },
      count: 5,
      members: ['unattributed'],
    });
    expect(got.alert.sampleEventIds).toHaveLength(5);
    expect(got.key).toBe(`${SSH_BRUTE_FORCE}|${got.alert.groupKey}`);
  });

  it('raises it over TCP too, and sends updates with the same alert key', async () => {
    const attacker = '203.0.113.77';
    const payload = Array.from({ length: 6 }, (_, i) => sshFailure('srv-e2e-tcp', attacker, i) + '\n').join('');
    const sent = await new Promise<number>((resolve, reject) => {
      const s = connect(t.syslogPort, '127.0.0.1', () => s.end(payload, () => resolve(performance.now())));
      s.on('error', reject);
    });
    const mine = () =>
      alerts.filter((a) => a.alert.rule.id === SSH_BRUTE_FORCE && a.alert.groupValues['source.ip'] === attacker);
    await waitFor(() => (mine().length >= 2 ? true : undefined));
    const [first, update] = mine();
    console.log(`TCP: alert ${(first.receivedAt - sent).toFixed(1)} ms after the last line`);
    expect(first.receivedAt - sent).toBeLessThan(1000);
    expect([first.alert.status, first.alert.count]).toEqual(['new', 5]);
    expect([update.alert.status, update.alert.count, update.alert.alertKey]).toEqual([
      'update',
      6,
      first.alert.alertKey,
    ]);
  });

  it('exposes detector metrics', async () => {
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(text).toMatch(/vigie_detector_events_total [1-9]/);
    expect(text).toContain('vigie_detector_alert_latency_seconds_bucket');
  });
});
