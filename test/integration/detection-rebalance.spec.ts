import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusMessage, KafkaEventBus } from '@vigie/bus';
import { AlertMessage, RawEnvelope, Topics } from '@vigie/contracts';
import { normalise } from '@vigie/ecs';
import { defaultDetectionSettings, DetectionSettings } from '@vigie/ingestion/detection/detection-settings';
import { DetectionStateStore } from '@vigie/ingestion/detection/detection-state.store';
import { DetectorWorker } from '@vigie/ingestion/detection/detector.worker';
import { eventKey } from '@vigie/ingestion/normaliser/normalise-message';
import { Metrics } from '@vigie/observability';
import { describeWithServices, kafkaBrokers, startGroupsAtEnd } from '@vigie/testing';
import { Kafka, logLevel } from 'kafkajs';
import { OpenDatabase, openPostgres } from './pipeline/databases';

const CONFIG_DIR = join(__dirname, '../../config');
const PARTITIONS = 4;
const EVENT_COUNT_RULE = 'rebalance-event-count';
const VALUE_COUNT_RULE = 'rebalance-value-count';

/** Two correlations over SSH failures, both reached by exactly six events: 6 failures, 6 distinct users. */
const RULES_YAML = `title: SSH failure (rebalance spec)
name: rebalance_ssh_failure
logsource: {product: linux, service: sshd}
detection:
  sel: {event.action: ssh_login, event.outcome: failure}
  condition: sel
level: informational
---
title: Six SSH failures from one source (rebalance spec)
id: ${EVENT_COUNT_RULE}
level: high
correlation:
  type: event_count
  rules: [rebalance_ssh_failure]
  group-by: [organization.id, source.ip]
  timespan: 10m
  condition: {gte: 6}
---
title: Six users tried from one source (rebalance spec)
id: ${VALUE_COUNT_RULE}
level: high
correlation:
  type: value_count
  rules: [rebalance_ssh_failure]
  group-by: [organization.id, source.ip]
  timespan: 10m
  condition: {gte: 6, field: user.name}
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** One detector process: its own Kafka client, the alerts it publishes recorded instead of sent. */
class Detector {
  readonly alerts: AlertMessage[] = [];
  readonly partitions = new Set<number>();
  /** Message key → partition, for every message evaluated here. */
  readonly keys = new Map<string, number>();
  readonly metrics = new Metrics(false);
  readonly bus: KafkaEventBus;
  readonly worker: DetectorWorker;
  evaluated = 0;

  constructor(name: string, settings: DetectionSettings, store: DetectionStateStore) {
    this.bus = new KafkaEventBus({
      brokers: kafkaBrokers(),
      clientId: name,
      partitions: PARTITIONS,
      replicationFactor: 1,
    });
    const publish = this.bus.publish.bind(this.bus);
    this.bus.publish = async (topic, messages) => {
      if (topic !== Topics.alerts) return publish(topic, messages);
      for (const m of messages) this.alerts.push(JSON.parse(m.value) as AlertMessage);
    };
    this.worker = new DetectorWorker(this.bus, this.metrics, settings, undefined, store);
    const handle = this.worker.handle.bind(this.worker);
    this.worker.handle = async (batch: BusMessage[]) => {
      await handle(batch);
      for (const m of batch) {
        this.partitions.add(m.partition);
        this.keys.set(m.key, m.partition);
      }
      this.evaluated += batch.length;
    };
  }

  start(): Promise<void> {
    return this.worker.onApplicationBootstrap();
  }

  async stop(): Promise<void> {
    await this.worker.onApplicationShutdown();
    await this.bus.close();
  }

  of(rule: string): AlertMessage[] {
    return this.alerts.filter((a) => a.rule.id === rule);
  }

  async metric(line: string): Promise<number> {
    const text = await this.metrics.registry.metrics();
    const found = text.split('\n').find((l) => l.startsWith(line + ' '));
    return found ? Number(found.slice(line.length + 1)) : 0;
  }
}

/** A line no rule matches, from `host`: shows which detector consumes the host's partition. */
function probe(member: string, host: string): { key: string; value: string } {
  const env: RawEnvelope = {
    receivedAt: new Date().toISOString(),
    transport: 'udp',
    peer: { ip: '10.30.0.2' },
    member,
    raw: `<30>Nov 29 13:33:00 ${host} systemd[1]: Started probe.`,
  };
  const doc = normalise(env);
  return { key: eventKey(doc), value: JSON.stringify(doc) };
}

function sshFailure(member: string, i: number, host = `srv-${member}-01`): { key: string; value: string } {
  const env: RawEnvelope = {
    receivedAt: new Date(Date.now() + i).toISOString(),
    transport: 'udp',
    peer: { ip: '10.30.0.1' },
    member,
    raw: `<38>Nov 29 13:33:${String(10 + i)} ${host} sshd[${500 + i}]: Failed password for user${i} from 203.0.113.9 port ${40000 + i} ssh2`,
  };
  const doc = normalise(env);
  return { key: eventKey(doc), value: JSON.stringify(doc) };
}

/**
 * Correlation state across a rebalance, on the real Kafka and PostgreSQL: two detector instances in one consumer
 * group on a topic of four partitions. Detector A alone consumes the first half of a correlation's events; B joins
 * and A leaves, so the group's partition moves to B, which gets the second half within the timespan.
 */
describeWithServices(['kafka', 'postgres'], 'detection: correlation state across a rebalance', () => {
  let db: OpenDatabase;
  let rulesDir: string;
  const kafka = new Kafka({
    brokers: kafkaBrokers(),
    clientId: 'vigie-detection-rebalance-admin',
    logLevel: logLevel.NOTHING,
  });
  const running: Detector[] = [];

  beforeAll(async () => {
    db = await openPostgres();
    rulesDir = mkdtempSync(join(tmpdir(), 'vigie-rebalance-rules-'));
    writeFileSync(join(rulesDir, 'rebalance.yml'), RULES_YAML);
  });

  afterEach(async () => {
    await Promise.allSettled(running.splice(0).map((d) => d.stop()));
  });

  afterAll(async () => {
    await db?.cleanup();
  });

  /** Runs the scenario; returns both detectors after the second half was consumed. */
  async function scenario(
    checkpointState: boolean,
  ): Promise<{ a: Detector; b: Detector; member: string; group: string; topic: string }> {
    const run = randomBytes(4).toString('hex');
    const member = `rb${run}`;
    const topic = `test.detection.${run}.events`;
    const group = `detection-rebalance-${run}`;
    const settings: DetectionSettings = {
      ...defaultDetectionSettings(CONFIG_DIR),
      ruleDirs: [rulesDir],
      userRuleDirs: [],
      checkpointState,
      consumerGroup: group,
      eventsTopic: topic,
    };
    const store = new DetectionStateStore(db.dataSource);
    const a = new Detector(`vigie-rebalance-${run}-a`, settings, store);
    running.push(a);
    await a.bus.ensureTopics([topic]);
    await startGroupsAtEnd(kafka, topic, [group]);
    await a.start();

    const events = Array.from({ length: 6 }, (_, i) => sshFailure(member, i));
    await a.bus.publish(topic, events.slice(0, 3));
    await until('A to consume the first half', () => (a.evaluated >= 3 ? true : undefined));
    await until('A to commit the first half', async () =>
      (await a.bus.lag(group, topic)).every((p) => p.lag === 0) ? true : undefined,
    );
    expect(a.partitions.size).toBe(1);

    const b = new Detector(`vigie-rebalance-${run}-b`, settings, store);
    running.push(b);
    await b.start();
    // B joins (rebalance), then A leaves (rebalance): every partition, the group's included, ends with B.
    await sleep(4000);
    await a.stop();
    running.splice(running.indexOf(a), 1);

    await b.bus.publish(topic, events.slice(3));
    await until('B to consume the second half', () => (b.evaluated >= 3 ? true : undefined), 90_000);
    await until('B to commit the second half', async () =>
      (await b.bus.lag(group, topic)).every((p) => p.lag === 0) ? true : undefined,
    );
    // Let the flush tick run once on B (it would close nothing here: the windows are 10 minutes long).
    await sleep(1500);
    return { a, b, member, group, topic };
  }

  it('with checkpoints: exactly one alert per correlation, with the full count, raised by the new owner', async () => {
    const { a, b, member, group, topic } = await scenario(true);
    // The partition moved: A evaluated the first half only, B the second half only.
    expect(a.evaluated).toBe(3);
    expect(b.evaluated).toBe(3);
    expect([...b.partitions]).toEqual([...a.partitions]);
    expect(a.of(EVENT_COUNT_RULE)).toEqual([]);
    expect(a.of(VALUE_COUNT_RULE)).toEqual([]);

    const counted = b.of(EVENT_COUNT_RULE);
    expect(counted.map((x) => [x.status, x.count])).toEqual([['new', 6]]);
    expect(counted[0].groupValues).toMatchObject({ 'organization.id': member, 'source.ip': '203.0.113.9' });
    expect(counted[0].sampleEventIds).toHaveLength(6);
    const distinct = b.of(VALUE_COUNT_RULE);
    expect(distinct.map((x) => [x.status, x.count])).toEqual([['new', 6]]);

    expect(await b.metric('vigie_detector_state_restores_total{result="restored"}')).toBeGreaterThanOrEqual(1);
    expect(await b.metric('vigie_detector_state_restored_groups_total')).toBe(2);
    const rows: Array<{ shard: string; next_offset: string }> = await db.dataSource.query(
      'SELECT shard, next_offset FROM vigie_detection_state WHERE consumer_group = $1',
      [group],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].shard).toBe(`${topic}:${[...b.partitions][0]}`);
    expect(Number(rows[0].next_offset)).toBe(6);
  });

  it('without checkpoints (detection.stateCheckpoint off) the same run raises no alert: the first half is lost', async () => {
    const { a, b, group } = await scenario(false);
    expect(a.evaluated).toBe(3);
    expect(b.evaluated).toBe(3);
    expect(a.alerts).toEqual([]);
    expect(b.alerts).toEqual([]);
    const rows: unknown[] = await db.dataSource.query(
      'SELECT shard FROM vigie_detection_state WHERE consumer_group = $1',
      [group],
    );
    expect(rows).toEqual([]);
  });

  it('measured limit: a source.ip group whose hosts are consumed by different detectors is split and does not fire', async () => {
    // Events are keyed `<organization.id>|<host>`: one host's events meet in one detector, a source's events seen
    // by several hosts do not. Both detectors run the whole time (no rebalance during the measure).
    const run = randomBytes(4).toString('hex');
    const member = `rs${run}`;
    const topic = `test.detection.${run}.events`;
    const group = `detection-straddle-${run}`;
    const settings: DetectionSettings = {
      ...defaultDetectionSettings(CONFIG_DIR),
      ruleDirs: [rulesDir],
      userRuleDirs: [],
      checkpointState: true,
      consumerGroup: group,
      eventsTopic: topic,
    };
    const store = new DetectionStateStore(db.dataSource);
    const a = new Detector(`vigie-straddle-${run}-a`, settings, store);
    const b = new Detector(`vigie-straddle-${run}-b`, settings, store);
    running.push(a, b);
    await a.bus.ensureTopics([topic]);
    await startGroupsAtEnd(kafka, topic, [group]);
    await Promise.all([a.start(), b.start()]);
    await sleep(6000);
    const hosts = Array.from({ length: 12 }, (_, i) => `srv-${member}-${String(i).padStart(2, '0')}`);
    await a.bus.publish(
      topic,
      hosts.map((h) => probe(member, h)),
    );
    await until('the probes to be consumed', () => (a.evaluated + b.evaluated >= hosts.length ? true : undefined));
    const keyOf = (h: string) => probe(member, h).key;
    const hostA = hosts.find((h) => a.keys.has(keyOf(h)));
    const hostB = hosts.find((h) => b.keys.has(keyOf(h)));
    expect(hostA && hostB).toBeTruthy();
    expect(a.keys.get(keyOf(hostA!))).not.toBe(b.keys.get(keyOf(hostB!)));

    const events = [0, 1, 2]
      .map((i) => sshFailure(member, i, hostA))
      .concat([3, 4, 5].map((i) => sshFailure(member, i, hostB)));
    await a.bus.publish(topic, events);
    await until('the failures to be consumed', () =>
      a.evaluated + b.evaluated >= hosts.length + 6 ? true : undefined,
    );
    await until('the failures to be committed', async () =>
      (await a.bus.lag(group, topic)).every((p) => p.lag === 0) ? true : undefined,
    );
    // Six failures from 203.0.113.9 within the timespan, split 3 + 3: neither detector reaches the threshold of 6.
    expect(a.of(EVENT_COUNT_RULE).concat(b.of(EVENT_COUNT_RULE))).toEqual([]);
    expect(a.of(VALUE_COUNT_RULE).concat(b.of(VALUE_COUNT_RULE))).toEqual([]);
    expect(a.evaluated + b.evaluated).toBe(hosts.length + 6);
  });
});
