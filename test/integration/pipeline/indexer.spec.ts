import { MemoryEventBus } from '@vigie/bus';
import { loadConfig } from '@vigie/config';
import { DeadLetter, Topics } from '@vigie/contracts';
import { PostgresEventStore, StoredEvent, StoreUnavailableError } from '@vigie/event-store';
import { Metrics } from '@vigie/observability';
import { IndexerOptions } from '@vigie/ingestion/indexer/indexer.options';
import { IndexerWorker } from '@vigie/ingestion/indexer/indexer.worker';
import { DataSource } from 'typeorm';
import { openPGlite, OpenDatabase } from './databases';
import { counterValue } from './no-loss.support';

/** The real store, refusing the first `failures` bulk writes as a store under pressure would (429). */
class PushingBackStore extends PostgresEventStore {
  calls = 0;
  constructor(
    dataSource: DataSource,
    private failures: number,
  ) {
    super(dataSource);
  }
  override async bulkWrite(events: StoredEvent[]) {
    this.calls++;
    if (this.failures > 0) {
      this.failures--;
      throw new StoreUnavailableError('too many requests', 429);
    }
    return super.bulkWrite(events);
  }
}

const doc = (i: number, member = 'ivry') => ({
  '@timestamp': new Date(Date.UTC(2026, 2, 5, 10, 0, 0, i)).toISOString(),
  event: { id: `id-${i}`, original: `line ${i}` },
  organization: { id: member },
  message: `message ${i}`,
});

async function waitFor(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('indexer on the in-process bus and the Postgres event store (PGlite)', () => {
  let db: OpenDatabase;
  let bus: MemoryEventBus;
  let metrics: Metrics;
  const config = loadConfig({ profile: 'embedded', env: {} });
  const options = Object.assign(new IndexerOptions(), {
    maxBatchDocs: 500,
    maxBatchWaitMs: 50,
    retryInitialDelayMs: 20,
    retryMaxDelayMs: 100,
  });
  const deadLetters: DeadLetter[] = [];

  beforeEach(async () => {
    db = await openPGlite();
    bus = new MemoryEventBus({ partitions: 3, maxQueued: 10_000, retryDelayMs: 20 });
    metrics = new Metrics(false);
    deadLetters.length = 0;
    await bus.subscribe({
      groupId: 'observer',
      topics: [Topics.dlq],
      handler: async (b) => void deadLetters.push(...b.map((m) => JSON.parse(m.value))),
    });
  });
  afterEach(async () => {
    await bus.close();
    await db.cleanup();
  });

  it('writes every document once by id, commits, and dead-letters what the store or parsing refuses', async () => {
    const store = new PostgresEventStore(db.dataSource);
    await store.init();
    const worker = new IndexerWorker(bus, store, options, config, metrics);
    await worker.start();
    const messages = Array.from({ length: 2000 }, (_, i) => ({ key: `ivry|h${i % 7}`, value: JSON.stringify(doc(i)) }));
    // Redelivered duplicates, a document the store refuses (member code) and one that is not JSON.
    messages.push(...messages.slice(0, 100));
    messages.push({ key: 'x', value: JSON.stringify(doc(99_999, 'Not A Member!')) });
    messages.push({ key: 'x', value: '{oops' });
    await bus.publish(Topics.events, messages);
    await waitFor(async () => (await store.count({})) === 2000 && deadLetters.length === 2);
    await waitFor(async () => (await bus.lag(options.groupId, Topics.events)).every((p) => p.lag === 0));
    await worker.stop();
    expect(await store.count({})).toBe(2000);
    const top = await store.terms({}, 'event.id', 1);
    expect(top[0].count).toBe(1);
    const byReason = Object.fromEntries(deadLetters.map((d) => [d.reason, d]));
    expect(byReason.invalid_document).toMatchObject({
      stage: 'indexer',
      raw: '{oops',
      source: { topic: Topics.events },
    });
    expect(byReason.store_rejected).toMatchObject({ stage: 'indexer', raw: 'line 99999', member: 'Not A Member!' });
    expect(await counterValue(metrics, 'vigie_indexer_documents_indexed_total')).toBeGreaterThanOrEqual(2000);
    expect(await counterValue(metrics, 'vigie_pipeline_dead_letters_total')).toBe(2);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/vigie_indexer_batch_size_count \d+/);
    expect(text).toMatch(/vigie_indexer_batch_seconds_bucket/);
  });

  it('pauses while the store pushes back, commits nothing meanwhile, and loses nothing', async () => {
    const store = new PushingBackStore(db.dataSource, 6);
    await store.init();
    const worker = new IndexerWorker(bus, store, options, config, metrics);
    await worker.start();
    await bus.publish(
      Topics.events,
      Array.from({ length: 300 }, (_, i) => ({ key: `ivry|h${i % 3}`, value: JSON.stringify(doc(i)) })),
    );
    // While the first writes are refused, nothing is committed.
    await waitFor(async () => store.calls >= 2);
    const lagDuring = (await bus.lag(options.groupId, Topics.events)).reduce((s, p) => s + p.lag, 0);
    expect(lagDuring).toBe(300);
    await waitFor(async () => (await store.count({})) === 300);
    await waitFor(async () => (await bus.lag(options.groupId, Topics.events)).every((p) => p.lag === 0));
    await worker.stop();
    expect(await counterValue(metrics, 'vigie_indexer_store_retries_total')).toBe(6);
    expect(deadLetters).toHaveLength(0);
  });

  it('polls the consumer lag per partition into a gauge', async () => {
    const store = new PostgresEventStore(db.dataSource);
    await store.init();
    const lagOptions = Object.assign(new IndexerOptions(), options, { lagPollMs: 20, autoStart: false });
    const worker = new IndexerWorker(bus, store, lagOptions, config, metrics);
    await bus.ensureTopics([Topics.events]);
    await bus
      .subscribe({ groupId: lagOptions.groupId, topics: [Topics.events], handler: async () => undefined })
      .then((s) => s.stop());
    await bus.publish(
      Topics.events,
      Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify(doc(i)) })),
    );
    await worker.onApplicationBootstrap();
    try {
      await waitFor(async () => (await counterValueOfGauge(metrics)) === 30);
    } finally {
      await worker.onModuleDestroy();
    }
  });
});

async function counterValueOfGauge(metrics: Metrics): Promise<number> {
  const g = metrics.registry.getSingleMetric('vigie_consumer_lag');
  if (!g) return -1;
  const data = await g.get();
  expect(data.values.every((v) => v.labels.partition !== undefined && v.labels.group === 'vigie-indexer')).toBe(true);
  return data.values.reduce((s, v) => s + v.value, 0);
}
