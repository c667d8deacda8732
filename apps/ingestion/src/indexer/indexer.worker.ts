import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BusMessage, EventBus, OutgoingMessage, Subscription } from '@vigie/bus';
import { VigieConfig } from '@vigie/config';
import { EventStore, StoredEvent } from '@vigie/event-store';
import { logger, Metrics } from '@vigie/observability';
import { deadLetter, deadLetterMessage } from '../dead-letters/dead-letter-message';
import { deadLetterCounter } from '../dead-letters/dead-letter-metrics';
import { BulkBatcher } from './bulk-batcher';
import { ConsumerLagPoller } from './consumer-lag.poller';
import { IndexerOptions } from './indexer.options';
import { withStoreRetry } from './store-retry';
import { originOfDocument, rawLineOf, toStoredEvent } from './to-stored-event';

interface Pending {
  event: StoredEvent;
  message: BusMessage;
}

/**
 * siem.events.v1 → the event store. Batches by size and time across the
 * group's consumers, writes with `bulkWrite` (idempotent by event.id) and lets
 * the bus commit only after the store acknowledged the whole batch. While the
 * store pushes back, the handler retries with back-off, so consumption pauses.
 * Documents the store rejects go to siem.dlq.v1.
 */
@Injectable()
export class IndexerWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = logger('IndexerWorker');
  private subscriptions: Subscription[] = [];
  private starting?: Promise<void>;
  private stopping = false;
  private readonly batcher: BulkBatcher<Pending>;
  private readonly indexed;
  private readonly batchSize;
  private readonly batchSeconds;
  private readonly storeRetries;
  private readonly deadLetters;
  private readonly lag: ConsumerLagPoller;

  constructor(
    private readonly bus: EventBus,
    private readonly store: EventStore,
    private readonly options: IndexerOptions,
    private readonly config: VigieConfig,
    metrics: Metrics,
  ) {
    this.indexed = metrics.counter(
      'vigie_indexer_documents_indexed_total',
      'Documents acknowledged by the event store',
    );
    this.batchSize = metrics.histogram(
      'vigie_indexer_batch_size',
      'Documents per bulk write',
      [],
      [1, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10000],
    );
    this.batchSeconds = metrics.histogram(
      'vigie_indexer_batch_seconds',
      'Bulk write latency, retries included',
      [],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
    this.storeRetries = metrics.counter(
      'vigie_indexer_store_retries_total',
      'Bulk writes retried because the store pushed back',
    );
    this.deadLetters = deadLetterCounter(metrics);
    this.lag = new ConsumerLagPoller(bus, metrics, options.groupId, options.inputTopic, options.lagPollMs);
    this.batcher = new BulkBatcher<Pending>({
      maxItems: options.maxBatchDocs,
      maxWaitMs: options.maxBatchWaitMs,
      maxInFlight: options.maxBulkInFlight,
      flush: (items) => this.write(items),
    });
  }

  get running(): boolean {
    return this.subscriptions.length > 0;
  }

  private get consumers(): number {
    return this.config.get('bus.driver') === 'kafka' ? Math.max(1, this.options.kafkaConsumers) : 1;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.lag.start();
    if (this.options.autoStart) await this.start();
  }

  async start(): Promise<void> {
    if (this.subscriptions.length) return;
    this.starting ??= (async () => {
      const o = this.options;
      this.stopping = false;
      this.batcher.resume();
      await this.bus.ensureTopics([o.inputTopic, o.deadLetterTopic]);
      const n = this.consumers;
      this.batcher.setProducers(n);
      this.subscriptions = await Promise.all(
        Array.from({ length: n }, () =>
          this.bus.subscribe({
            groupId: o.groupId,
            topics: [o.inputTopic],
            maxBatchSize: o.maxBatchDocs,
            handler: (messages) => this.handle(messages),
          }),
        ),
      );
      this.log.info({ group: o.groupId, topic: o.inputTopic, consumers: n }, 'indexer consuming');
    })().finally(() => (this.starting = undefined));
    await this.starting;
  }

  /** Stop consuming: waiting documents are flushed now, uncommitted batches come back on the next start. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    this.stopping = true;
    this.batcher.drain();
    const subs = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subs.map((s) => s.stop()));
  }

  async handle(messages: BusMessage[]): Promise<void> {
    const pending: Pending[] = [];
    const letters: OutgoingMessage[] = [];
    for (const message of messages) {
      const parsed = toStoredEvent(message);
      if (parsed.ok) pending.push({ event: parsed.event, message });
      else {
        letters.push(
          deadLetterMessage(
            deadLetter({
              stage: 'indexer',
              reason: parsed.reason,
              detail: parsed.detail,
              raw: message.value,
              member: parsed.member,
              from: message,
            }),
          ),
        );
        this.deadLetters.inc({ stage: 'indexer', reason: parsed.reason });
      }
    }
    await this.bus.publish(this.options.deadLetterTopic, letters);
    await this.batcher.add(pending);
  }

  /** One bulk request, retried while the store is unavailable; rejected documents are dead-lettered before it resolves. */
  private async write(items: Pending[]): Promise<void> {
    const o = this.options;
    const end = this.batchSeconds.startTimer();
    const result = await withStoreRetry(() => this.store.bulkWrite(items.map((p) => p.event)), {
      initialDelayMs: o.retryInitialDelayMs,
      maxDelayMs: o.retryMaxDelayMs,
      budgetMs: o.retryBudgetMs,
      cancelled: () => this.stopping,
      onRetry: (error, attempt, delayMs) => {
        this.storeRetries.inc();
        this.log.warn(
          { error: error.message, status: error.status, attempt, delayMs, size: items.length },
          'event store unavailable; retrying',
        );
      },
    });
    if (result.rejected.length) {
      const byId = new Map(items.map((p) => [p.event.id, p]));
      const letters = result.rejected.map((r) => {
        const p = byId.get(r.id);
        this.deadLetters.inc({ stage: 'indexer', reason: reasonName(r.reason) });
        return deadLetterMessage(
          deadLetter({
            stage: 'indexer',
            reason: reasonName(r.reason),
            detail: `${r.id}: ${r.reason}`,
            raw: rawLineOf(p?.event, p?.message.value ?? ''),
            member: p?.event.member,
            from: p?.message,
            origin: originOfDocument(p?.event),
          }),
        );
      });
      await this.bus.publish(o.deadLetterTopic, letters);
    }
    end();
    this.batchSize.observe(items.length);
    this.indexed.inc(result.written);
  }

  async onModuleDestroy(): Promise<void> {
    this.lag.stop();
    await this.stop();
  }
}

/**
 * A machine-readable reason from the store's text: its leading error type
 * (`mapper_parsing_exception: ...` → `mapper_parsing_exception`), else `store_rejected`.
 */
export function reasonName(reason: string): string {
  const m = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)+):/.exec(reason.trim());
  return m ? m[1] : 'store_rejected';
}
