import { Topics } from '@vigie/contracts';

/**
 * The indexer's tunables, in one place. They are not settings (yet): the
 * values below are the defaults a `indexer.*` section of the configuration
 * would carry. Tests override the provider to use their own group and topics.
 */
export class IndexerOptions {
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
