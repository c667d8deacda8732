export * from './filter';
export * from './event-store';
export { PostgresEventStore } from './postgres/postgres-event-store';
export { EventStore1732900000000 } from './postgres/migrations/1732900000000-event-store';
export { InvalidFilterError } from './postgres/sql-filter.compiler';
export { ElasticsearchEventStore } from './elasticsearch/elasticsearch-event-store';
export type { ElasticsearchEventStoreOptions } from './elasticsearch/elasticsearch-event-store';
export { createSearchClient, OpenSearchTransport } from './elasticsearch/create-search-client';
export type { SearchClientSettings } from './elasticsearch/create-search-client';
