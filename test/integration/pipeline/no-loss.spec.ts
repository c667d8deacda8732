import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KafkaEventBus } from '@vigie/bus';
import { loadConfig } from '@vigie/config';
import { ALL_TOPICS, Topics } from '@vigie/contracts';
import { CoreModule } from '@vigie/core';
import { createSearchClient, EventStore } from '@vigie/event-store';
import { Metrics, setLogLevel } from '@vigie/observability';
import { describeWithServices, freePort, kafkaBrokers, openSearchUrl, postgresTestUrl, startGroupsAtEnd } from '@vigie/testing';
import { DeadLetterConsumerOptions } from '@vigie/ingestion/dead-letters/dead-letter-consumer.options';
import { DeadLetterStore } from '@vigie/ingestion/dead-letters/dead-letter.store';
import { IndexerOptions } from '@vigie/ingestion/indexer/indexer.options';
import { IndexerWorker } from '@vigie/ingestion/indexer/indexer.worker';
import { IngestionModule } from '@vigie/ingestion/ingestion.module';
import { NormaliserOptions } from '@vigie/ingestion/normaliser/normaliser.options';
import { NormaliserWorker } from '@vigie/ingestion/normaliser/normaliser.worker';
import { Kafka, logLevel } from 'kafkajs';
import {
  bounce,
  Chaos,
  ChaosAction,
  counterValue,
  noLossCount,
  noLossLine,
  randomBetween,
  sendAll,
  sleep,
} from './no-loss.support';

const exec = promisify(execFile);
const KAFKA_SCRIPT = join(__dirname, '../../../scripts/services/kafka.sh');

/**
 * Zero loss on the scale-out stack: N unique lines over syslog TCP → receiver →
 * Kafka → normaliser → Kafka → indexer → OpenSearch, while the normaliser's and
 * the indexer's consumers are stopped and restarted twice each at random
 * moments and the Kafka broker is restarted once. The store must end with
 * exactly N distinct event ids and the dead-letter store with none.
 *
 * Isolation from other runs on the same servers: a fresh index prefix, fresh
 * consumer groups, fresh events and dead-letter topics; the raw topic is the
 * receivers' (siem.raw.v1), so the normaliser's fresh group is first moved to
 * its end.
 */
describeWithServices(['kafka', 'opensearch', 'postgres'], 'pipeline: no loss on Kafka and OpenSearch', () => {
  const N = noLossCount(200_000);
  /** Generous: about 2 ms an event (the machine this was written on does 5 events/ms), at least 10 minutes. */
  const TIMEOUT_MS = Math.max(600_000, N * 2);
  const run = randomBytes(4).toString('hex');
  const indexPrefix = `vigie-noloss-${run}`;
  const eventsTopic = `test.noloss.${run}.events`;
  const dlqTopic = `test.noloss.${run}.dlq`;
  const groups = { normaliser: `noloss-${run}-normaliser`, indexer: `noloss-${run}-indexer`, dlq: `noloss-${run}-dlq` };
  const kafka = new Kafka({ brokers: kafkaBrokers(), clientId: 'vigie-noloss-admin', logLevel: logLevel.NOTHING });
  let app: INestApplication;
  let metrics: Metrics;
  let syslogPort: number;

  beforeAll(async () => {
    // The broker restart makes kafkajs log every refused connection; keep the output to the verdict.
    if (!process.env.VIGIE_LOG_LEVEL) setLogLevel('fatal');
    syslogPort = await freePort();
    const config = loadConfig({
      profile: 'scale-out',
      env: {},
      overrides: {
        'http.port': 0,
        'log.level': 'warn',
        'database.url': postgresTestUrl(),
        'database.poolSize': 4,
        'bus.kafka.brokers': kafkaBrokers(),
        'bus.kafka.clientId': `vigie-noloss-${run}`,
        'search.flavor': 'opensearch',
        'search.node': openSearchUrl(),
        'search.indexPrefix': indexPrefix,
        'syslog.host': '127.0.0.1',
        'syslog.udpPort': 0,
        'syslog.tcpPort': syslogPort,
        'retry.initialDelayMs': 200,
        'retry.maxDelayMs': 3000,
      },
    });
    // Topics first, then the normaliser's new group at the end of siem.raw.v1.
    const setupBus = new KafkaEventBus({
      brokers: kafkaBrokers(),
      clientId: `vigie-noloss-setup-${run}`,
      partitions: config.get('bus.kafka.partitions'),
      replicationFactor: 1,
    });
    await setupBus.ensureTopics([...ALL_TOPICS, eventsTopic, dlqTopic]);
    await setupBus.close();
    await startGroupsAtEnd(kafka, Topics.raw, [groups.normaliser]);

    metrics = new Metrics(false);
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, metrics), IngestionModule.register()],
    })
      .overrideProvider(NormaliserOptions)
      .useValue(
        Object.assign(new NormaliserOptions(), {
          groupId: groups.normaliser,
          outputTopic: eventsTopic,
          deadLetterTopic: dlqTopic,
        }),
      )
      .overrideProvider(IndexerOptions)
      .useValue(
        Object.assign(new IndexerOptions(), {
          groupId: groups.indexer,
          inputTopic: eventsTopic,
          deadLetterTopic: dlqTopic,
        }),
      )
      .overrideProvider(DeadLetterConsumerOptions)
      .useValue(Object.assign(new DeadLetterConsumerOptions(), { groupId: groups.dlq, inputTopic: dlqTopic }))
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    if (!process.env.VIGIE_LOG_LEVEL) setLogLevel('warn');
    const client = createSearchClient({ node: openSearchUrl(), flavor: 'opensearch' });
    await client.indices
      .delete({ index: `${indexPrefix}-events-*`, allow_no_indices: true, ignore_unavailable: true })
      .catch(() => undefined);
    await client.indices.deleteIndexTemplate({ name: `${indexPrefix}-events` }).catch(() => undefined);
    await client.close();
    const admin = kafka.admin();
    await admin.connect().catch(() => undefined);
    await admin.deleteTopics({ topics: [eventsTopic, dlqTopic] }).catch(() => undefined);
    await admin.deleteGroups(Object.values(groups)).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  });

  it(
    'stores exactly N distinct events through consumer restarts and a broker restart, with no dead letter',
    async () => {
      const token = `nl${randomBytes(5).toString('hex')}`;
      const base = Date.now() - 3_600_000;
      const normaliser = app.get(NormaliserWorker);
      const indexer = app.get(IndexerWorker);
      const store = app.get(EventStore);
      const deadLetters = app.get(DeadLetterStore);
      const log: string[] = [];
      const started = Date.now();
      const since = new Date(started - 1000);

      const restartBroker = async () => {
        const t0 = Date.now();
        await exec('bash', [KAFKA_SCRIPT, 'restart'], { timeout: 180_000 });
        log.push(`kafka broker restarted in ${Date.now() - t0} ms`);
      };
      const actions: ChaosAction[] = [
        {
          at: randomBetween(N * 0.05, N * 0.2),
          name: 'normaliser restart 1',
          run: bounce(normaliser, log, 'normaliser'),
        },
        { at: randomBetween(N * 0.1, N * 0.25), name: 'indexer restart 1', run: bounce(indexer, log, 'indexer') },
        { at: Math.round(N * 0.35), name: 'kafka broker restart', run: restartBroker },
        {
          at: randomBetween(N * 0.5, N * 0.7),
          name: 'normaliser restart 2',
          run: bounce(normaliser, log, 'normaliser'),
        },
        { at: randomBetween(N * 0.55, N * 0.8), name: 'indexer restart 2', run: bounce(indexer, log, 'indexer') },
      ];
      const chaos = new Chaos(actions, log);
      const progress = setInterval(() => {
        void counterValue(metrics, 'vigie_indexer_documents_indexed_total').then((n) =>
          log.push(`t+${Math.round((Date.now() - started) / 1000)} s: ${n} indexed`),
        );
      }, 10_000);
      try {
        await sendAll(
          syslogPort,
          (i) => noLossLine(token, i, base),
          N,
          4,
          (sent) => chaos.onSent(sent),
        );
        const sentAfter = (Date.now() - started) / 1000;
        const ran = await chaos.settled();
        const deadline = Date.now() + TIMEOUT_MS / 2;
        let count = 0;
        while (Date.now() < deadline) {
          await store.refresh();
          count = await store.count({ text: token });
          if (count >= N) break;
          await sleep(1000);
        }
        const seconds = (Date.now() - started) / 1000;
        // Whatever was still in flight lands; then the final counts.
        await sleep(3000);
        await store.refresh();
        count = await store.count({});
        const withToken = await store.count({ text: token });
        const top = await store.terms({}, 'event.id', 1);
        const dead = await deadLetters.count({ since, text: token });
        const deadMetric = await counterValue(metrics, 'vigie_pipeline_dead_letters_total');
        console.log(
          [
            `kafka/opensearch no-loss: N=${N} stored=${withToken} (index total ${count}) distinct-top=${top[0]?.count} in ${seconds.toFixed(1)} s ` +
              `(${Math.round(N / seconds)}/s end to end; all sent after ${sentAfter.toFixed(1)} s); chaos actions: ${ran}; ` +
              `dead letters: ${dead} (metric ${deadMetric})`,
            ...log,
          ].join('\n  '),
        );
        expect(ran).toBe(actions.length);
        // Exactly N of this run's events. The raw topic is shared: a line another process publishes on
        // siem.raw.v1 meanwhile lands in this index too, so the total is only reported.
        expect(withToken).toBe(N);
        expect(count).toBeGreaterThanOrEqual(N);
        expect(top).toHaveLength(1);
        expect(top[0].count).toBe(1);
        expect(dead).toBe(0);
        expect(deadMetric).toBe(0);
      } finally {
        clearInterval(progress);
      }
    },
    TIMEOUT_MS,
  );
});
