import { Module } from '@nestjs/common';
import { AssetMap } from './asset-map';

/** Enrichment of ECS events from the registry: host → application, members, personal data. */
@Module({
  providers: [AssetMap],
  exports: [AssetMap],
})
export class EnrichmentModule {}
