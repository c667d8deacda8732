import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusMessage, MemoryEventBus } from '@vigie/bus';
import { AlertMessage, RawEnvelope, Topics } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { Metrics } from '@vigie/observability';
import { defaultDetectionSettings, DetectionSettings } from './detection-settings';
import { DetectorWorker } from './detector.worker';
import { CONFIG_DIR, RULES } from './scenarios/scenario-harness';

function sshFailure(i: number, receivedAt: string): Record<string, unknown> {
  const env: RawEnvelope = {
    receivedAt,
    transport: 'udp',
    peer: { ip: '10.30.0.1' },
    member: 'ivry',
    raw: `<38>Nov 29 13:33:4${i} srv-ivry-01 sshd[${500 + i}]: Failed password for root from 203.0.113.9 port ${40000 + i} ssh2`,
  };
  return normalise(env) as unknown as Record<string, unknown>;
}

async function waitFor<T>(fn: () => T | undefined, ms = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('DetectorWorker', () => {
  let bus: MemoryEventBus;
  let metrics: Metrics;
  let worker: DetectorWorker;
  const alerts: AlertMessage[] = [];
  const keys: string[] = [];

  async function start(settings: Partial<DetectionSettings> = {}): Promise<void> {
    bus = new MemoryEventBus({ partitions: 4, maxQueued: 10_000 });
    await bus.ensureTopics([Topics.events, Topics.alerts]);
    metrics = new Metrics(false);
    worker = new DetectorWorker(bus, metrics, {
      ...defaultDetectionSettings(CONFIG_DIR),
      userRuleDirs: [],
      ...settings,
    });
    await worker.onApplicationBootstrap();
    alerts.length = 0;
    keys.length = 0;
    await bus.subscribe({
      groupId: 'spec-alerts',
      topics: [Topics.alerts],
      handler: async (batch: BusMessage[]) => {
        for (const m of batch) {
          alerts.push(JSON.parse(m.value) as AlertMessage);
          keys.push(m.key);
        }
      },
    });
  }

  afterEach(async () => {
    await worker?.onApplicationShutdown();
    await bus?.close();
  });

  it('publishes a brute-force alert keyed by rule id and group key, then its update, with metrics', async () => {
    await start();
    const now = Date.now();
    const events = Array.from({ length: 6 }, (_, i) => sshFailure(i, new Date(now + i).toISOString()));
    await bus.publish(
      Topics.events,
      events.map((e) => ({ key: 'ivry|srv-ivry-01', value: JSON.stringify(e) })),
    );
    const got = await waitFor(() => (alerts.length >= 2 ? alerts : undefined));
    expect(got.map((a) => [a.rule.id, a.status, a.count])).toEqual([
      [RULES.sshBruteForce, 'new', 5],
      [RULES.sshBruteForce, 'update', 6],
    ]);
    expect(keys[0]).toBe(`${RULES.sshBruteForce}|${got[0].groupKey}`);
    expect(keys[1]).toBe(keys[0]);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/vigie_detector_events_total 6/);
    expect(text).toContain(`vigie_detector_alerts_total{rule="${RULES.sshBruteForce}",level="medium",status="new"} 1`);
    expect(text).toMatch(/vigie_detector_alert_latency_seconds_count 2/);
    expect(text).toMatch(/vigie_detector_correlation_groups [1-9]/);
    expect(text).toMatch(/vigie_detector_rules\{status="ok"\} 22/);
  });

  it('skips redelivered events (same event.id) and messages that are not JSON objects', async () => {
    await start();
    const now = Date.now();
    const e = sshFailure(0, new Date(now).toISOString());
    const value = JSON.stringify(e);
    await worker.handle([
      { topic: Topics.events, partition: 0, offset: '0', key: 'k', value },
      { topic: Topics.events, partition: 0, offset: '1', key: 'k', value },
      { topic: Topics.events, partition: 0, offset: '2', key: 'k', value: 'not json' },
      { topic: Topics.events, partition: 0, offset: '3', key: 'k', value: '[1]' },
    ]);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/vigie_detector_events_total 1/);
    expect(text).toMatch(/vigie_detector_duplicate_events_total 1/);
    expect(text).toMatch(/vigie_detector_invalid_messages_total 2/);
  });

  it('reports bad user rules without failing, and closes deferred windows on the flush tick', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-rules-'));
    writeFileSync(join(dir, 'broken.yml'), 'title: no detection\nlogsource: {product: linux}\n');
    writeFileSync(
      join(dir, 'agg.yml'),
      'title: old aggregation\nlogsource: {product: linux}\ndetection:\n  sel: {a: 1}\n  condition: sel | count() > 5\n',
    );
    writeFileSync(
      join(dir, 'quiet.yml'),
      [
        'title: SSH failure (user pack)',
        'name: user_ssh_failure',
        'logsource: {product: linux, service: sshd}',
        'detection: {sel: {event.action: ssh_login, event.outcome: failure}, condition: sel}',
        '---',
        'title: Few SSH failures',
        'id: user-few-failures',
        'correlation: {type: event_count, rules: [user_ssh_failure], group-by: [source.ip], timespan: 1s, condition: {lt: 3}}',
        'level: low',
      ].join('\n'),
    );
    await start({ userRuleDirs: [dir, join(dir, 'missing')], allowedLatenessMs: 0 });
    const pack = worker.load();
    expect(pack.problems.map((p) => p.status).sort()).toEqual(['invalid', 'unsupported']);
    expect(pack.skippedDirs).toEqual([join(dir, 'missing')]);
    const t0 = Date.now() - 5000;
    await worker.handle([
      {
        topic: Topics.events,
        partition: 0,
        offset: '0',
        key: 'k',
        value: JSON.stringify(sshFailure(1, new Date(t0).toISOString())),
      },
    ]);
    await worker.tick(Date.now() + 10_000);
    const few = await waitFor(() => alerts.find((a) => a.rule.id === 'user-few-failures'));
    expect(few).toMatchObject({
      status: 'new',
      count: 1,
      groupValues: { 'source.ip': '203.0.113.9' },
      members: ['ivry'],
    });
  });

  it('does not start (and does not throw) when the bundled rule directory is missing', async () => {
    await start({ ruleDirs: ['/nonexistent/vigie/rules'] });
    await bus.publish(Topics.events, [{ key: 'k', value: JSON.stringify(sshFailure(0, new Date().toISOString())) }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(alerts).toEqual([]);
    expect(await metrics.registry.metrics()).not.toMatch(/vigie_detector_events_total [1-9]/);
  });
});
