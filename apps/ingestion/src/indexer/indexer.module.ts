import { Module } from '@nestjs/common';
import { IndexerOptions } from './indexer.options';
import { IndexerWorker } from './indexer.worker';

/** The indexer: siem.events.v1 → the event store (rejected documents → siem.dlq.v1). */
@Module({
  providers: [{ provide: IndexerOptions, useValue: new IndexerOptions() }, IndexerWorker],
  exports: [IndexerWorker, IndexerOptions],
})
export class IndexerModule {}
