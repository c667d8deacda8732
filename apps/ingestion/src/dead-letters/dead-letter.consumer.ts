import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BusMessage, EventBus, Subscription } from '@vigie/bus';
import { logger, Metrics } from '@vigie/observability';
import { ConsumerLagPoller } from '../indexer/consumer-lag.poller';
import { DeadLetterConsumerOptions } from './dead-letter-consumer.options';
import { DeadLetterStore } from './dead-letter.store';
import { parseDeadLetter } from './parse-dead-letter';

/** siem.dlq.v1 → `vigie_dead_letters`, committed once stored. */
@Injectable()
export class DeadLetterConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = logger('DeadLetterConsumer');
  private subscription?: Subscription;
  private readonly stored;
  private readonly lag: ConsumerLagPoller;

  constructor(
    private readonly bus: EventBus,
    private readonly store: DeadLetterStore,
    private readonly options: DeadLetterConsumerOptions,
    metrics: Metrics,
  ) {
    this.stored = metrics.counter('vigie_dead_letters_stored_total', 'Dead letters kept in the dead-letter store', [
      'stage',
      'reason',
    ]);
    this.lag = new ConsumerLagPoller(bus, metrics, options.groupId, options.inputTopic, options.lagPollMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.lag.start();
    if (this.options.autoStart) await this.start();
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    await this.bus.ensureTopics([this.options.inputTopic]);
    this.subscription = await this.bus.subscribe({
      groupId: this.options.groupId,
      topics: [this.options.inputTopic],
      maxBatchSize: this.options.maxBatchSize,
      handler: (messages) => this.handle(messages),
    });
  }

  async stop(): Promise<void> {
    const s = this.subscription;
    this.subscription = undefined;
    if (s) await s.stop();
  }

  async handle(messages: BusMessage[]): Promise<void> {
    const letters = messages.map(parseDeadLetter);
    const inserted = await this.store.insert(letters);
    for (const l of letters) this.stored.inc({ stage: l.stage, reason: l.reason });
    if (inserted) this.log.info({ count: inserted }, 'dead letters stored');
  }

  async onModuleDestroy(): Promise<void> {
    this.lag.stop();
    await this.stop();
  }
}
