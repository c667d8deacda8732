import { Module } from '@nestjs/common';
import { EnrichmentModule } from '../enrichment/enrichment.module';
import { ReceiversModule } from '../receivers/receivers.module';
import { NormaliserOptions } from './normaliser.options';
import { NormaliserWorker } from './normaliser.worker';

/** The normaliser: siem.raw.v1 → siem.events.v1 (and siem.dlq.v1). Member details come from the receivers' directory. */
@Module({
  imports: [ReceiversModule, EnrichmentModule],
  providers: [{ provide: NormaliserOptions, useValue: new NormaliserOptions() }, NormaliserWorker],
  exports: [NormaliserWorker, NormaliserOptions],
})
export class NormaliserModule {}
