import { Topics } from '@vigie/contracts';
import { VigieConfig } from '@vigie/config';

/**
 * The indexer's tunables, in one place: the `indexer.*` settings, plus the
 * group and topics, which tests override to use their own.
 */
export class IndexerOptions {
  static fromConfig(config: VigieConfig): IndexerOptions {
    const o = new IndexerOptions();
    o.maxBatchDocs = config.get('indexer.batchDocs');
    o.maxBatchWaitMs = config.get('indexer.batchWaitMs');
    o.kafkaConsumers = config.get('indexer.consumers');
    o.maxBulkInFlight = config.get('indexer.bulkInFlight');
    o.retryBudgetMs = config.get('indexer.retryBudgetMs');
    o.retryInitialDelayMs = config.get('retry.initialDelayMs');
    o.retryMaxDelayMs = Math.min(config.get('retry.maxDelayMs'), o.retryBudgetMs);
    return o;
  }

  groupId = 'vigie-indexer';
  inputTopic: string = Topics.events;
  deadLetterTopic: string = Topics.dlq;
  /** Most documents in one bulk request. */
  maxBatchDocs = 5000;
  /** Longest a document waits for its bulk request to fill up. */
  maxBatchWaitMs = 200;
  /**
   * Consumers in the group in this process (Kafka only; the in-process bus
   * delivers a group's partitions to one consumer). Their batches are
   * coalesced into one bulk request.
   */
  kafkaConsumers = 6;
  /** Bulk requests in flight at once (each consumer still waits for its own). */
  maxBulkInFlight = 2;
  /** First back-off while the store pushes back, doubled up to `retryMaxDelayMs`. */
  retryInitialDelayMs = 200;
  retryMaxDelayMs = 5000;
  /**
   * How long a batch is retried inside the handler before the handler gives
   * up and lets the bus redeliver it (below Kafka's 30 s session timeout, so
   * the consumer keeps its partitions).
   */
  retryBudgetMs = 20000;
  /** Consumer lag poll period for the lag gauge. */
  lagPollMs = 5000;
  /** Subscribe when the application starts. */
  autoStart = true;
}
