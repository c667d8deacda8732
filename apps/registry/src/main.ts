import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { bootstrap, CoreModule } from '@vigie/core';
import { RegistryModule } from './registry.module';

/** Scale-out: the registry API alone, on PostgreSQL (and Kafka for alerts). */
void bootstrap({
  name: 'vigie-registry',
  profile: 'scale-out',
  module: (config, metrics) => {
    @Module({ imports: [CoreModule.forRoot(config, metrics), RegistryModule.register()] })
    class RegistryApp {}
    return RegistryApp;
  },
}).catch((e) => {
  process.stderr.write(`vigie-registry: failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
