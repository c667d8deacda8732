import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { bootstrap, CoreModule } from '@vigie/core';
import { IngestionModule } from './ingestion.module';

/** Scale-out: the ingestion app alone, on PostgreSQL, Kafka and Elasticsearch/OpenSearch. */
void bootstrap({
  name: 'vigie-ingestion',
  profile: 'scale-out',
  module: (config, metrics) => {
    @Module({ imports: [CoreModule.forRoot(config, metrics), IngestionModule.register()] })
    class IngestionApp {}
    return IngestionApp;
  },
}).catch((e) => {
  process.stderr.write(`vigie-ingestion: failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
