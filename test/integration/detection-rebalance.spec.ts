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
/** Grouped by member and source address: counted by the second stage (siem.correlation.v1). */
const EVENT_COUNT_RULE = 'rebalance-event-count';
const VALUE_COUNT_RULE = 'rebalance-value-count';
/** Grouped by member, host and source address: counted by the first stage (siem.events.v1). */
const HOST_COUNT_RULE = 'rebalance-host-count';
const HOST_VALUE_RULE = 'rebalance-host-value';

/**
 * Correlations over SSH failures, all reached by exactly six events (6 failures, 6 distinct users): two grouped by
 * source across hosts (re-keyed), two per host (counted where the events are consumed).
 */
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
---
title: Six SSH failures from one source on one host (rebalance spec)
id: ${HOST_COUNT_RULE}
level: high
correlation:
  type: event_count
  rules: [rebalance_ssh_failure]
  group-by: [organization.id, Hostname, source.ip]
  timespan: 10m
  condition: {gte: 6}
---
title: Six users tried from one source on one host (rebalance spec)
id: ${HOST_VALUE_RULE}
level: high
correlation:
  type: value_count
  rules: [rebalance_ssh_failure]
  group-by: [organization.id, Hostname, source.ip]
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
  /** Partitions of siem.correlation.v1 consumed here, and the input messages handled. */
  readonly inputPartitions = new Set<number>();
  inputs = 0;
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
    const handleInputs = this.worker.handleInputs.bind(this.worker);
    this.worker.handleInputs = async (batch: BusMessage[]) => {
      await handleInputs(batch);
      for (const m of batch) this.inputPartitions.add(m.partition);
      this.inputs += batch.length;
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
 * group on a topic of four partitions (and the second stage's group on a correlation input topic of four). Detector
 * A alone consumes the first half of a correlation's events; B joins and A leaves, so the group's partitions move to
 * B, which gets the second half within the timespan. Then: a source's events over hosts consumed by different
 * detectors meet in one detector through the re-keyed correlation inputs.
 */
describeWithServices(
  ['kafka', 'postgres'],
  'detection: correlation state across a rebalance, groups across hosts',
  () => {
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

    /** Settings of one run: its own topics and consumer groups. */
    function runSettings(
      run: string,
      checkpointState: boolean,
    ): { settings: DetectionSettings; topic: string; inputTopic: string; group: string; correlator: string } {
      const topic = `test.detection.${run}.events`;
      const inputTopic = `test.detection.${run}.correlation`;
      const group = `detection-rebalance-${run}`;
      const correlator = `${group}-correlator`;
      const settings: DetectionSettings = {
        ...defaultDetectionSettings(CONFIG_DIR),
        ruleDirs: [rulesDir],
        userRuleDirs: [],
        checkpointState,
        consumerGroup: group,
        eventsTopic: topic,
        correlationTopic: inputTopic,
        correlationGroup: correlator,
        rekeyCorrelations: true,
        chainsInPlace: false,
      };
      return { settings, topic, inputTopic, group, correlator };
    }

    async function caughtUp(d: Detector, group: string, topic: string): Promise<true | undefined> {
      return (await d.bus.lag(group, topic)).every((p) => p.lag === 0) ? true : undefined;
    }

    /** Runs the scenario; returns both detectors after the second half was consumed. */
    async function scenario(checkpointState: boolean) {
      const run = randomBytes(4).toString('hex');
      const member = `rb${run}`;
      const { settings, topic, inputTopic, group, correlator } = runSettings(run, checkpointState);
      const store = new DetectionStateStore(db.dataSource);
      const a = new Detector(`vigie-rebalance-${run}-a`, settings, store);
      running.push(a);
      await a.bus.ensureTopics([topic, inputTopic]);
      await startGroupsAtEnd(kafka, topic, [group]);
      await startGroupsAtEnd(kafka, inputTopic, [correlator]);
      await a.start();

      const events = Array.from({ length: 6 }, (_, i) => sshFailure(member, i));
      await a.bus.publish(topic, events.slice(0, 3));
      await until('A to consume the first half', () => (a.evaluated >= 3 && a.inputs >= 3 ? true : undefined));
      await until('A to commit the first half', () => caughtUp(a, group, topic));
      await until('A to commit the first inputs', () => caughtUp(a, correlator, inputTopic));
      expect(a.partitions.size).toBe(1);
      expect(a.inputPartitions.size).toBe(1);

      const b = new Detector(`vigie-rebalance-${run}-b`, settings, store);
      running.push(b);
      await b.start();
      // B joins (rebalance), then A leaves (rebalance): every partition of both topics ends with B.
      await sleep(4000);
      await a.stop();
      running.splice(running.indexOf(a), 1);

      await b.bus.publish(topic, events.slice(3));
      await until('B to consume the second half', () => (b.evaluated >= 3 && b.inputs >= 3 ? true : undefined), 90_000);
      await until('B to commit the second half', () => caughtUp(b, group, topic));
      await until('B to commit the second inputs', () => caughtUp(b, correlator, inputTopic));
      // Let the flush tick run once on B (it would close nothing here: the windows are 10 minutes long).
      await sleep(1500);
      return { a, b, member, group, topic, inputTopic, correlator };
    }

    it('with checkpoints: exactly one alert per correlation, with the full count, raised by the new owner (both stages)', async () => {
      const { a, b, member, group, topic, inputTopic, correlator } = await scenario(true);
      // The partitions moved: A handled the first half only, B the second half only, on both topics.
      expect([a.evaluated, a.inputs, b.evaluated, b.inputs]).toEqual([3, 3, 3, 3]);
      expect([...b.partitions]).toEqual([...a.partitions]);
      expect([...b.inputPartitions]).toEqual([...a.inputPartitions]);
      expect(a.alerts).toEqual([]);

      for (const rule of [EVENT_COUNT_RULE, HOST_COUNT_RULE]) {
        const counted = b.of(rule);
        expect(counted.map((x) => [x.status, x.count])).toEqual([['new', 6]]);
        expect(counted[0].groupValues).toMatchObject({ 'organization.id': member, 'source.ip': '203.0.113.9' });
        expect(counted[0].sampleEventIds).toHaveLength(6);
      }
      for (const rule of [VALUE_COUNT_RULE, HOST_VALUE_RULE]) {
        expect(b.of(rule).map((x) => [x.status, x.count])).toEqual([['new', 6]]);
      }

      expect(await b.metric('vigie_detector_state_restores_total{result="restored"}')).toBeGreaterThanOrEqual(2);
      // Per host on siem.events.v1, per source on siem.correlation.v1.
      expect(await b.metric('vigie_detector_state_restored_groups_total')).toBe(4);
      const rows: Array<{ consumer_group: string; shard: string; next_offset: string }> = await db.dataSource.query(
        'SELECT consumer_group, shard, next_offset FROM vigie_detection_state WHERE consumer_group IN ($1, $2) ORDER BY 1',
        [group, correlator],
      );
      expect(rows.map((r) => [r.consumer_group, r.shard, Number(r.next_offset)])).toEqual([
        [group, `${topic}:${[...b.partitions][0]}`, 6],
        [correlator, `${inputTopic}:${[...b.inputPartitions][0]}`, 6],
      ]);
    });

    it('without checkpoints (detection.stateCheckpoint off) the same run raises no alert: the first half is lost', async () => {
      const { a, b, group, correlator } = await scenario(false);
      expect([a.evaluated, a.inputs, b.evaluated, b.inputs]).toEqual([3, 3, 3, 3]);
      expect(a.alerts).toEqual([]);
      expect(b.alerts).toEqual([]);
      const rows: unknown[] = await db.dataSource.query(
        'SELECT shard FROM vigie_detection_state WHERE consumer_group IN ($1, $2)',
        [group, correlator],
      );
      expect(rows).toEqual([]);
    });

    it('a source.ip group whose hosts are consumed by different detectors meets in one: one alert with count 6', async () => {
      // Events are keyed `<organization.id>|<host>`: one host's events meet in one detector, a source's events seen
      // by several hosts do not; the first stage re-keys them by group on siem.correlation.v1. Both detectors run
      // the whole time (no rebalance during the measure).
      const run = randomBytes(4).toString('hex');
      const member = `rs${run}`;
      const { settings, topic, inputTopic, group, correlator } = runSettings(run, true);
      const store = new DetectionStateStore(db.dataSource);
      const a = new Detector(`vigie-straddle-${run}-a`, settings, store);
      const b = new Detector(`vigie-straddle-${run}-b`, settings, store);
      running.push(a, b);
      await a.bus.ensureTopics([topic, inputTopic]);
      await startGroupsAtEnd(kafka, topic, [group]);
      await startGroupsAtEnd(kafka, inputTopic, [correlator]);
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
      await until('the failures to be committed', () => caughtUp(a, group, topic));
      await until('their inputs to be counted', () => (a.inputs + b.inputs >= 6 ? true : undefined));
      await until('the inputs to be committed', () => caughtUp(a, correlator, inputTopic));
      // Six failures from 203.0.113.9 within the timespan, 3 on a host of each detector: the inputs of the group all
      // went to one partition of siem.correlation.v1, so one detector counted all six.
      expect(a.inputPartitions.size + b.inputPartitions.size).toBe(1);
      expect(a.inputs + b.inputs).toBe(6);
      for (const rule of [EVENT_COUNT_RULE, VALUE_COUNT_RULE]) {
        const got = a.of(rule).concat(b.of(rule));
        expect(got.map((x) => [x.status, x.count])).toEqual([['new', 6]]);
        expect(got[0].groupValues).toEqual({ 'organization.id': member, 'source.ip': '203.0.113.9' });
        expect([...got[0].sampleEventIds].sort()).toEqual(
          events.map((e) => (JSON.parse(e.value) as { event: { id: string } }).event.id).sort(),
        );
        expect(got[0].members).toEqual([member]);
      }
      // Per host, three failures each: below the threshold of six, as it should be.
      expect(a.of(HOST_COUNT_RULE).concat(b.of(HOST_COUNT_RULE))).toEqual([]);
      expect(a.evaluated + b.evaluated).toBe(hosts.length + 6);
    });
  },
);
