import { randomBytes } from 'node:crypto';
import { ALL_TOPICS, Topics } from '@vigie/contracts';
import { KafkaEventBus } from '@vigie/bus';
import { ADMIN_PASSWORD, describeWithServices, kafkaBrokers, postgresTestUrl, startEmbeddedApp } from '@vigie/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import {
  buildTriageWorld,
  sigmaFilterScenario,
  sleep,
  triageScenario,
  TriageWorld,
} from '../integration/alerts/triage-scenario';

/**
 * The same scenario on real Apache Kafka and PostgreSQL: the receivers, normaliser, detector and alert sink talk
 * over Kafka topics, alerts and the event store live in a fresh PostgreSQL database. The pipeline's consumer
 * groups are moved to the end of their topics first, so that this run only sees its own traffic.
 */
describeWithServices(['kafka', 'postgres'], 'alert triage end to end on Kafka and PostgreSQL', () => {
  const run = randomBytes(4).toString('hex');
  const db = `vigie_alerts_${run}`;
  const adminUrl = postgresTestUrl().replace(/\/[^/]*$/, '/postgres');
  let w: TriageWorld;

  beforeAll(async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${db}`);
    await c.end();
    const setup = new KafkaEventBus({
      brokers: kafkaBrokers(),
      clientId: `vigie-alerts-setup-${run}`,
      partitions: 6,
      replicationFactor: 1,
    });
    await setup.ensureTopics(ALL_TOPICS);
    await setup.close();
    const kafka = new Kafka({
      brokers: kafkaBrokers(),
      clientId: `vigie-alerts-admin-${run}`,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groups: Array<[string, string]> = [
        ['vigie-normaliser', Topics.raw],
        ['vigie-indexer', Topics.events],
        ['vigie-detector', Topics.events],
        ['vigie-alert-sink', Topics.alerts],
      ];
      for (const [groupId, topic] of groups) {
        for (let attempt = 0; ; attempt++) {
          try {
            const ends = await admin.fetchTopicOffsets(topic);
            await admin.setOffsets({
              groupId,
              topic,
              partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })),
            });
            break;
          } catch (e) {
            // A group still held by a consumer (a previous app whose session has not expired yet, about 30 s)
            // cannot be moved: wait for it, and after a minute go on from where the group stands.
            const busy = /no running instances/.test((e as Error).message);
            if (busy && attempt >= 120) {
              console.warn(`${groupId} is in use elsewhere; its offsets were not moved`);
              break;
            }
            if (!busy && attempt >= 20) throw e;
            await sleep(500);
          }
        }
      }
    } finally {
      await admin.disconnect();
    }
    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    const t = await startEmbeddedApp({
      'database.driver': 'postgres',
      'database.url': postgresTestUrl().replace(/\/[^/]*$/, `/${db}`),
      'database.poolSize': 6,
      'bus.driver': 'kafka',
      'bus.kafka.brokers': kafkaBrokers(),
      'bus.kafka.clientId': `vigie-alerts-${run}`,
      'alerts.notifyMinLevel': 'medium',
    });
    w = await buildTriageWorld(t);
  });

  afterAll(async () => {
    await w?.t.close();
    await w?.hook.stop();
    await w?.hookVitry.stop();
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.end();
  });

  triageScenario(() => w);

  describe('exceptions with a Sigma filter on the events', () => {
    sigmaFilterScenario(() => w);
  });
});
