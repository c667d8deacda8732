import { DynamicModule, Module } from '@nestjs/common';
import { VigieConfig } from '@vigie/config';
import { CoreModule } from '@vigie/core';
import { Metrics } from '@vigie/observability';
import { IngestionModule } from '@vigie/ingestion/ingestion.module';
import { RegistryModule } from '@vigie/registry/registry.module';

/** The embedded default: both apps' modules in one process. */
@Module({})
export class EmbeddedAppModule {
  static forRoot(config: VigieConfig, metrics: Metrics): DynamicModule {
    return {
      module: EmbeddedAppModule,
      imports: [CoreModule.forRoot(config, metrics), IngestionModule.register(), RegistryModule.register()],
    };
  }
}
