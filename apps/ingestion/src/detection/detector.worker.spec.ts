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

function sshFailure(i: number, receivedAt: string, host = 'srv-ivry-01', user = 'root'): Record<string, unknown> {
  const env: RawEnvelope = {
    receivedAt,
    transport: 'udp',
    peer: { ip: '10.30.0.1' },
    member: 'ivry',
    raw: `<38>Nov 29 13:33:4${i} ${host} sshd[${500 + i}]: Failed password for ${user} from 203.0.113.9 port ${40000 + i} ssh2`,
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
      // Both stages, as with Kafka: the in-process bus then stands for several detectors' topics.
      rekeyCorrelations: true,
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
    const counted = () =>
      metrics.registry.metrics().then((t) => /correlation_inputs_total\{result="counted"\} [1-9]/.test(t));
    await worker.handle([
      {
        topic: Topics.events,
        partition: 0,
        offset: '0',
        key: 'k',
        value: JSON.stringify(sshFailure(1, new Date(t0).toISOString())),
      },
    ]);
    // Grouped by source.ip only: counted by the second stage, once its consumer got the input.
    for (let i = 0; i < 200 && !(await counted()); i++) await new Promise((r) => setTimeout(r, 5));
    expect(await counted()).toBe(true);
    await worker.tick(Date.now() + 10_000);
    const few = await waitFor(() => alerts.find((a) => a.rule.id === 'user-few-failures'));
    expect(few).toMatchObject({
      status: 'new',
      count: 1,
      groupValues: { 'source.ip': '203.0.113.9' },
      members: ['ivry'],
    });
  });

  it('a correlation over several hosts counts every host: its inputs meet on siem.correlation.v1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-rules-'));
    writeFileSync(
      join(dir, 'spread.yml'),
      [
        'title: SSH failure (spread)',
        'name: spread_failure',
        'logsource: {product: linux, service: sshd}',
        'detection: {sel: {event.action: ssh_login, event.outcome: failure}, condition: sel}',
        '---',
        'title: Six failures from one source, any server',
        'id: spread-six',
        'correlation: {type: event_count, rules: [spread_failure], group-by: [organization.id, source.ip], timespan: 10m, condition: {gte: 6}}',
        'level: high',
        '---',
        'title: The member is attacked from several sources',
        'id: spread-member',
        'correlation: {type: event_count, rules: [spread-six], group-by: [organization.id], timespan: 10m, condition: {gte: 1}, generate: true}',
        'level: critical',
      ].join('\n'),
    );
    // Kafka's way for chains: the member-wide alert's input is republished, keyed by member.
    await start({ ruleDirs: [dir], chainsInPlace: false });
    const published: string[] = [];
    await bus.subscribe({
      groupId: 'spec-inputs',
      topics: [Topics.correlation],
      handler: async (batch: BusMessage[]) => {
        for (const m of batch) published.push(m.key);
      },
    });
    const now = Date.now();
    // Six hosts, six keys of siem.events.v1: spread over the partitions.
    const events = Array.from({ length: 6 }, (_, i) =>
      sshFailure(i, new Date(now + i).toISOString(), `srv-ivry-0${i}`, `user${i}`),
    );
    // One at a time, so that the inputs reach the second stage in time order and the sixth completes the alert.
    for (const [i, e] of events.entries()) {
      await bus.publish(Topics.events, [{ key: `ivry|srv-ivry-0${i}`, value: JSON.stringify(e) }]);
      const seen = new RegExp(`vigie_detector_events_total ${i + 1}\\b`);
      for (let n = 0; n < 400 && !seen.test(await metrics.registry.metrics()); n++) {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const six = await waitFor(() => alerts.find((a) => a.rule.id === 'spread-six'));
    expect(six).toMatchObject({
      status: 'new',
      count: 6,
      groupValues: { 'organization.id': 'ivry', 'source.ip': '203.0.113.9' },
    });
    expect(six.sampleEventIds).toEqual(events.map((e) => (e.event as { id: string }).id));
    expect(six.members).toEqual(['ivry']);
    expect(six.event).toMatchObject({ host: { hostname: 'srv-ivry-05' } });
    const member = await waitFor(() => alerts.find((a) => a.rule.id === 'spread-member'));
    expect(member).toMatchObject({ status: 'new', count: 1, sampleEventIds: [six.alertKey], members: ['ivry'] });
    expect(published).toEqual([...Array(6).fill('organization.id=ivry|source.ip=203.0.113.9'), 'organization.id=ivry']);
    expect(alerts.filter((a) => a.rule.id === 'spread-six')).toHaveLength(1);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/vigie_detector_correlation_inputs_total\{result="published"\} 7/);
    expect(text).toMatch(/vigie_detector_correlation_inputs_total\{result="counted"\} 7/);
    expect(text).toMatch(/vigie_detector_rekeyed_correlations 2/);
  });

  it('does not start (and does not throw) when the bundled rule directory is missing', async () => {
    await start({ ruleDirs: ['/nonexistent/vigie/rules'] });
    await bus.publish(Topics.events, [{ key: 'k', value: JSON.stringify(sshFailure(0, new Date().toISOString())) }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(alerts).toEqual([]);
    expect(await metrics.registry.metrics()).not.toMatch(/vigie_detector_events_total [1-9]/);
  });
});
