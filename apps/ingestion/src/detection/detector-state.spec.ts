import { BusMessage, MemoryEventBus } from '@vigie/bus';
import { AlertMessage, RawEnvelope, Topics } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { Metrics } from '@vigie/observability';
import { defaultDetectionSettings, DetectionSettings } from './detection-settings';
import { MemoryCheckpointStore } from './detection-state.store';
import { DetectorWorker, shardOf } from './detector.worker';
import { CONFIG_DIR, RULES } from './scenarios/scenario-harness';

function sshFailure(i: number, receivedAt: string): Record<string, unknown> {
  const env: RawEnvelope = {
    receivedAt,
    transport: 'udp',
    peer: { ip: '10.30.0.1' },
    member: 'ivry',
    raw: `<38>Nov 29 13:33:${String(10 + i)} srv-ivry-01 sshd[${500 + i}]: Failed password for root from 203.0.113.9 port ${40000 + i} ssh2`,
  };
  return normalise(env) as unknown as Record<string, unknown>;
}

const PARTITION = 1;
const events = (n: number) => {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => sshFailure(i, new Date(now + i).toISOString()));
};
const messages = (evs: Array<Record<string, unknown>>, from: number, to: number): BusMessage[] =>
  evs.slice(from, to).map((e, i) => ({
    topic: Topics.events,
    partition: PARTITION,
    offset: String(from + i),
    key: 'ivry|srv-ivry-01',
    value: JSON.stringify(e),
  }));

/** A detector on a bus stub that records the alerts it publishes. */
class Detector {
  readonly alerts: AlertMessage[] = [];
  readonly metrics = new Metrics(false);
  readonly worker: DetectorWorker;

  constructor(store: MemoryCheckpointStore | undefined, settings: Partial<DetectionSettings> = {}) {
    const bus = new MemoryEventBus({ partitions: 4, maxQueued: 10_000 });
    bus.publish = async (topic, msgs) => {
      if (topic === Topics.alerts) for (const m of msgs) this.alerts.push(JSON.parse(m.value) as AlertMessage);
    };
    this.worker = new DetectorWorker(
      bus,
      this.metrics,
      { ...defaultDetectionSettings(CONFIG_DIR), checkpointState: true, ...settings },
      undefined,
      store,
    );
    this.worker.load();
  }

  brute(): Array<[string, number, string]> {
    return this.alerts.filter((a) => a.rule.id === RULES.sshBruteForce).map((a) => [a.status, a.count, a.alertKey]);
  }

  async metric(name: string): Promise<string> {
    const text = await this.metrics.registry.metrics();
    return text.split('\n').find((l) => l.startsWith(name)) ?? '';
  }
}

describe('DetectorWorker correlation state checkpoints', () => {
  it('a window split across two detectors fires once with the full count after the hand-over', async () => {
    const store = new MemoryCheckpointStore();
    const evs = events(6);
    const a = new Detector(store);
    await a.worker.handle(messages(evs, 0, 3));
    expect(a.brute()).toEqual([]);
    const row = store.rows.get(`vigie-detector\u0000${shardOf({ topic: Topics.events, partition: PARTITION })}`);
    expect(row?.nextOffset).toBe(3n);

    const b = new Detector(store);
    await b.worker.handle(messages(evs, 3, 6));
    const got = b.brute();
    expect(got.map(([s, c]) => [s, c])).toEqual([
      ['new', 5],
      ['update', 6],
    ]);
    expect(got[1][2]).toBe(got[0][2]);
    expect(await b.metric('vigie_detector_state_restores_total{result="restored"}')).toMatch(/ 1$/);
    expect(store.rows.get(`vigie-detector\u0000${Topics.events}:${PARTITION}`)?.nextOffset).toBe(6n);
  });

  it('without checkpoints the second detector counts only its share: no alert', async () => {
    const evs = events(6);
    const a = new Detector(undefined, { checkpointState: false });
    await a.worker.handle(messages(evs, 0, 3));
    const b = new Detector(undefined, { checkpointState: false });
    await b.worker.handle(messages(evs, 3, 6));
    expect(b.brute()).toEqual([]);
    // The same switch with a store present: still off.
    const store = new MemoryCheckpointStore();
    const c = new Detector(store, { checkpointState: false });
    await c.worker.handle(messages(evs, 0, 3));
    expect(store.saves).toBe(0);
  });

  it('events redelivered below the checkpoint offset are not counted twice', async () => {
    const store = new MemoryCheckpointStore();
    const evs = events(6);
    const a = new Detector(store);
    await a.worker.handle(messages(evs, 0, 3));
    // The commit of offsets 1-2 was lost: the next owner is handed them again.
    const b = new Detector(store);
    await b.worker.handle(messages(evs, 1, 6));
    expect(b.brute().map(([s, c]) => [s, c])).toEqual([
      ['new', 5],
      ['update', 6],
    ]);
    expect(await b.metric('vigie_detector_state_covered_events_total')).toMatch(/ 2$/);
  });

  it('a detector that gets a partition back reloads its state instead of using its stale copy', async () => {
    const store = new MemoryCheckpointStore();
    const evs = events(7);
    const a = new Detector(store);
    await a.worker.handle(messages(evs, 0, 3));
    const b = new Detector(store);
    await b.worker.handle(messages(evs, 3, 5));
    expect(b.brute().map(([s, c]) => [s, c])).toEqual([['new', 5]]);
    await a.worker.handle(messages(evs, 5, 7));
    expect(a.brute().map(([s, c, k]) => [s, c, k])).toEqual([
      ['update', 6, b.brute()[0][2]],
      ['update', 7, b.brute()[0][2]],
    ]);
    expect(await a.metric('vigie_detector_state_dropped_groups_total')).toMatch(/ [1-9]\d*$/);
  });

  it('a stale detector cannot overwrite the checkpoint of the partition’s new owner, and drops its copy', async () => {
    const store = new MemoryCheckpointStore();
    const evs = events(6);
    const a = new Detector(store, { flushIntervalMs: 50 });
    await a.worker.handle(messages(evs, 0, 3));
    const b = new Detector(store);
    await b.worker.handle(messages(evs, 3, 5));
    // A's windows expire on its flush: the change would be saved at A's offset 3, older than B's 5.
    await a.worker.tick(Date.now() + 3_600_000);
    expect(store.rows.get(`vigie-detector\u0000${Topics.events}:${PARTITION}`)).toMatchObject({ nextOffset: 5n });
    // A tried (its flush changed the partition's groups) and was refused: one checkpoint written, not two.
    expect(await a.metric('vigie_detector_state_checkpoints_total')).toMatch(/ 1$/);
    const c = new Detector(store);
    await c.worker.handle(messages(evs, 5, 6));
    expect(c.brute().map(([s, n, k]) => [s, n, k])).toEqual([['update', 6, b.brute()[0][2]]]);
  });

  it('survives a restart on the in-process bus (same group, shared store)', async () => {
    const store = new MemoryCheckpointStore();
    const bus = new MemoryEventBus({ partitions: 4, maxQueued: 10_000 });
    await bus.ensureTopics([Topics.events, Topics.alerts]);
    const alerts: AlertMessage[] = [];
    await bus.subscribe({
      groupId: 'spec-alerts',
      topics: [Topics.alerts],
      handler: async (batch) => {
        for (const m of batch) alerts.push(JSON.parse(m.value) as AlertMessage);
      },
    });
    const settings = { ...defaultDetectionSettings(CONFIG_DIR), userRuleDirs: [], checkpointState: true };
    const evs = events(5);
    const publish = (from: number, to: number) =>
      bus.publish(
        Topics.events,
        evs.slice(from, to).map((e) => ({ key: 'ivry|srv-ivry-01', value: JSON.stringify(e) })),
      );
    const lagZero = async () => {
      for (let i = 0; i < 300; i++) {
        if ((await bus.lag('vigie-detector', Topics.events)).every((p) => p.lag === 0)) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('detector did not catch up');
    };
    const first = new DetectorWorker(bus, new Metrics(false), settings, undefined, store);
    await first.onApplicationBootstrap();
    await publish(0, 3);
    await lagZero();
    await first.onApplicationShutdown();
    const second = new DetectorWorker(bus, new Metrics(false), settings, undefined, store);
    await second.onApplicationBootstrap();
    await publish(3, 5);
    await lagZero();
    for (let i = 0; i < 100 && !alerts.some((a) => a.rule.id === RULES.sshBruteForce); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await second.onApplicationShutdown();
    await bus.close();
    expect(alerts.filter((a) => a.rule.id === RULES.sshBruteForce).map((a) => [a.status, a.count])).toEqual([
      ['new', 5],
    ]);
  });
});
