import { VigieConfig } from '@vigie/config';
import { EventBus, KafkaEventBus, MemoryEventBus } from '@vigie/bus';
import { ElasticsearchEventStore, EventStore, PostgresEventStore, createSearchClient } from '@vigie/event-store';
import { logger, Metrics } from '@vigie/observability';
import type { DataSource } from 'typeorm';

/** The bus adapter chosen by `bus.driver`. */
export function createEventBus(config: VigieConfig, metrics: Metrics): EventBus {
  const log = logger('EventBus');
  const handlerErrors = metrics.counter('vigie_bus_handler_errors_total', 'Consumer handler failures (batch redelivered)', ['topic']);
  const onHandlerError = (error: unknown, topic: string, partition: number) => {
    handlerErrors.inc({ topic });
    log.warn({ topic, partition, error: (error as Error)?.message }, 'handler failed; batch will be redelivered');
  };
  if (config.get('bus.driver') === 'kafka') {
    return new KafkaEventBus({
      brokers: config.get('bus.kafka.brokers'),
      clientId: config.get('bus.kafka.clientId'),
      partitions: config.get('bus.kafka.partitions'),
      replicationFactor: config.get('bus.kafka.replicationFactor'),
      retryDelayMs: config.get('retry.initialDelayMs'),
      maxRetryDelayMs: config.get('retry.maxDelayMs'),
      onHandlerError,
      log: (level, message, extra) => log[level](extra ?? {}, message),
    });
  }
  return new MemoryEventBus({
    partitions: config.get('bus.kafka.partitions'),
    maxQueued: config.get('bus.memory.maxQueued'),
    retryDelayMs: config.get('retry.initialDelayMs'),
    onHandlerError,
  });
}

/** An Elasticsearch/OpenSearch client from the `search.*` settings. */
export function searchClientFromConfig(config: VigieConfig) {
  return createSearchClient({
    node: config.get('search.node'),
    flavor: config.get('search.flavor') as 'elasticsearch' | 'opensearch',
    username: config.maybe('search.username'),
    password: config.maybe('search.password'),
    apiKey: config.maybe('search.apiKey'),
    tlsRejectUnauthorized: config.get('search.tlsRejectUnauthorized'),
  });
}

/** The event store adapter chosen by `events.store`. */
export function createEventStore(config: VigieConfig, dataSource: DataSource): EventStore {
  if (config.get('events.store') === 'search') {
    return new ElasticsearchEventStore({ client: searchClientFromConfig(config), indexPrefix: config.get('search.indexPrefix') });
  }
  return new PostgresEventStore(dataSource);
}
