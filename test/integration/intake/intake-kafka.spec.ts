import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventBus, KafkaEventBus } from '@vigie/bus';
import { loadConfig } from '@vigie/config';
import { ALL_TOPICS, RawEnvelope, Topics } from '@vigie/contracts';
import { configureHttp } from '@vigie/core';
import { EmbeddedAppModule } from '@vigie/embedded/app.module';
import { DeadLetterConsumerOptions } from '@vigie/ingestion/dead-letters/dead-letter-consumer.options';
import { IndexerOptions } from '@vigie/ingestion/indexer/indexer.options';
import { MemberDirectory } from '@vigie/ingestion/members/member-directory';
import { NormaliserOptions } from '@vigie/ingestion/normaliser/normaliser.options';
import { Metrics } from '@vigie/observability';
import {
  ADMIN_PASSWORD,
  ApiClient,
  createTestPki,
  describeWithServices,
  freePort,
  kafkaBrokers,
  postgresTestUrl,
  startGroupsAtEnd,
  TestPki,
} from '@vigie/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { INTAKE_FIXTURES } from './intake.fixtures';
import { expectFixtureDocuments, expectSameDocumentsOverEveryTransport, TopicRecorder } from './intake.support';

type Doc = Record<string, any>;

/**
 * The intake e2e on Kafka: the embedded app's modules with `bus.driver: kafka`
 * on a fresh PostgreSQL database. Isolation from other runs on the same
 * broker: a member code of this run only, fresh consumer groups, fresh events
 * and dead-letter topics; the raw topic is the receivers' (siem.raw.v1), so
 * the normaliser's and the recorder's fresh groups are first moved to its end.
 */
describeWithServices(['kafka', 'postgres'], 'intake on Kafka: same ECS documents over every transport', () => {
  const run = randomBytes(4).toString('hex');
  const member = `intake-${run}`;
  const db = `vigie_intake_${run}`;
  const eventsTopic = `test.intake.${run}.events`;
  const dlqTopic = `test.intake.${run}.dlq`;
  const groups = {
    normaliser: `intake-${run}-normaliser`,
    indexer: `intake-${run}-indexer`,
    dlq: `intake-${run}-dlq`,
    raw: `intake-${run}-raw-recorder`,
    events: `intake-${run}-events-recorder`,
  };
  const adminUrl = postgresTestUrl().replace(/\/[^/]*$/, '/postgres');
  const kafka = new Kafka({
    brokers: kafkaBrokers(),
    clientId: `vigie-intake-admin-${run}`,
    logLevel: logLevel.NOTHING,
  });
  let app: INestApplication;
  let baseUrl: string;
  let syslogPort: number;
  let tlsPort: number;
  let pki: TestPki;
  let raws: TopicRecorder<RawEnvelope>;
  let events: TopicRecorder<Doc>;

  beforeAll(async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${db}`);
    await c.end();
    pki = createTestPki();
    syslogPort = await freePort();
    tlsPort = await freePort();
    const config = loadConfig({
      profile: 'embedded',
      env: {},
      overrides: {
        'http.host': '127.0.0.1',
        'http.port': 0,
        'log.level': 'warn',
        'database.driver': 'postgres',
        'database.url': postgresTestUrl().replace(/\/[^/]*$/, `/${db}`),
        'database.poolSize': 4,
        'bus.driver': 'kafka',
        'bus.kafka.brokers': kafkaBrokers(),
        'bus.kafka.clientId': `vigie-intake-${run}`,
        'syslog.host': '127.0.0.1',
        'syslog.udpPort': syslogPort,
        'syslog.tcpPort': syslogPort,
        'syslog.tlsPort': tlsPort,
        'syslog.tlsCert': pki.serverCertFile,
        'syslog.tlsKey': pki.serverKeyFile,
        'syslog.tlsCa': pki.caFile,
        'syslog.tlsClientMembers': [`*.${member}.example=${member}`],
      },
    });
    // Topics first, then this run's groups on siem.raw.v1 at its end.
    const setupBus = new KafkaEventBus({
      brokers: kafkaBrokers(),
      clientId: `vigie-intake-setup-${run}`,
      partitions: config.get('bus.kafka.partitions'),
      replicationFactor: 1,
    });
    await setupBus.ensureTopics([...ALL_TOPICS, eventsTopic, dlqTopic]);
    await setupBus.close();
    await startGroupsAtEnd(kafka, Topics.raw, [groups.normaliser, groups.raw]);

    process.env.VIGIE_ADMIN_PASSWORD = ADMIN_PASSWORD;
    const moduleRef = await Test.createTestingModule({
      imports: [EmbeddedAppModule.forRoot(config, new Metrics(false))],
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
    configureHttp(app, config);
    app.enableShutdownHooks();
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;

    const bus = app.get(EventBus);
    raws = await new TopicRecorder<RawEnvelope>(bus, Topics.raw, groups.raw, (e) => e.member === member).start(true);
    events = await new TopicRecorder<Doc>(bus, eventsTopic, groups.events, (d) => d.organization?.id === member).start(
      true,
    );
  });

  afterAll(async () => {
    await raws?.stop().catch(() => undefined);
    await events?.stop().catch(() => undefined);
    await app?.close();
    pki?.cleanup();
    const admin = kafka.admin();
    await admin.connect().catch(() => undefined);
    await admin.deleteTopics({ topics: [eventsTopic, dlqTopic] }).catch(() => undefined);
    await admin.deleteGroups(Object.values(groups)).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.end();
  });

  it('finds the same ECS documents on the events topic for UDP, TCP (both framings), TLS and HTTP', async () => {
    const adminApi = await new ApiClient(baseUrl).login('admin', ADMIN_PASSWORD);
    const created = await adminApi.post('/api/v1/members', {
      code: member,
      name: 'Intake Kafka',
      type: 'city',
      networks: ['127.0.0.1/32'],
    });
    expect(created.status).toBe(201);
    const key = await adminApi.post('/api/v1/api-keys', { member, name: 'kafka-shipper' });
    expect(key.status).toBe(201);
    await app.get(MemberDirectory).reload();
    const lines = INTAKE_FIXTURES.map((f) => f.line);
    const started = Date.now();
    const docs = await expectSameDocumentsOverEveryTransport({
      target: {
        syslogPort,
        tlsPort,
        baseUrl,
        apiKey: key.body.key,
        tls: { ca: pki.ca, ...pki.client({ CN: `collector.${member}.example` }) },
      },
      lines,
      member,
      raws,
      events,
      timeoutMs: 60_000,
    });
    expectFixtureDocuments(docs, INTAKE_FIXTURES, { id: member, name: 'Intake Kafka' });
    console.log(
      `intake (Kafka): ${lines.length} fixtures × 7 transports gave identical ECS documents in ${Date.now() - started} ms`,
    );
  });
});
