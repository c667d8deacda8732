import { Module } from '@nestjs/common';
import { VigieConfig } from '@vigie/config';
import { IndexerOptions } from './indexer.options';
import { IndexerWorker } from './indexer.worker';

/** The indexer: siem.events.v1 → the event store (rejected documents → siem.dlq.v1). */
@Module({
  providers: [{ provide: IndexerOptions, useFactory: (c: VigieConfig) => IndexerOptions.fromConfig(c), inject: [VigieConfig] }, IndexerWorker],
  exports: [IndexerWorker, IndexerOptions],
})
export class IndexerModule {}
