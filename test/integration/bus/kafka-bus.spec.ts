import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KafkaEventBus } from '@vigie/bus';
import { describeWithServices, kafkaBrokers } from '@vigie/testing';
import { runBusContract } from './bus.contract';

const run = promisify(execFile);

describeWithServices(['kafka'], 'EventBus contract: Apache Kafka', () => {
  let bus: KafkaEventBus;
  beforeAll(() => {
    bus = new KafkaEventBus({ brokers: kafkaBrokers(), clientId: 'vigie-test', partitions: 3, replicationFactor: 1, retryDelayMs: 100 });
  });
  afterAll(() => bus.close());
  runBusContract({
    bus: () => bus,
    restartBroker: async () => {
      await run('bash', [join(__dirname, '../../../scripts/services/kafka.sh'), 'restart'], { timeout: 150000 });
    },
  });

  it('creates its topics with the configured number of partitions', async () => {
    const topic = `test.partitions.${Date.now()}`;
    await bus.ensureTopics([topic]);
    await bus.ensureTopics([topic]); // idempotent
    const lag = await bus.lag('nobody', topic);
    expect(lag.map((l) => l.partition).sort()).toEqual([0, 1, 2]);
  });
});
