import { DynamicModule, Global, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ALL_TOPICS } from '@vigie/contracts';
import { AuditModule } from '@vigie/audit';
import { AuthModule } from '@vigie/auth';
import { EventBus } from '@vigie/bus';
import { VigieConfig } from '@vigie/config';
import { dataSourceOptions } from '@vigie/database';
import { EventStore } from '@vigie/event-store';
import { logger, Metrics } from '@vigie/observability';
import { DataSource } from 'typeorm';
import { createEventBus, createEventStore } from './factories';
import { HealthController } from './health/health.controller';
import { ApiExceptionFilter } from './http/error-shape';

/** Creates the topics and the store's templates/tables at start-up; closes them at shutdown. */
@Injectable()
class InfrastructureLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly log = logger('Infrastructure');

  constructor(
    private readonly bus: EventBus,
    private readonly store: EventStore,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.ensureTopics(ALL_TOPICS);
    await this.store.init();
    this.log.debug({ topics: ALL_TOPICS }, 'topics and event store ready');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close().catch((e) => this.log.warn({ error: (e as Error).message }, 'bus close failed'));
    await this.store.close().catch((e) => this.log.warn({ error: (e as Error).message }, 'store close failed'));
  }
}

/**
 * The platform every app stands on: configuration, metrics, the database
 * (migrations run at start-up), the event bus and the event store chosen by
 * configuration, /health, /ready, /metrics and the API's error shape.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: VigieConfig, metrics: Metrics = new Metrics()): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        AuthModule,
        AuditModule,
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...(await dataSourceOptions(
              {
                driver: config.get('database.driver') as 'pglite' | 'postgres',
                url: config.maybe('database.url'),
                dataDir: config.get('database.dataDir'),
                poolSize: config.get('database.poolSize'),
              },
              { migrationsRun: true },
            )),
            autoLoadEntities: true,
            retryAttempts: 0,
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: VigieConfig, useValue: config },
        { provide: Metrics, useValue: metrics },
        { provide: EventBus, useFactory: (m: Metrics) => createEventBus(config, m), inject: [Metrics] },
        { provide: EventStore, useFactory: (ds: DataSource) => createEventStore(config, ds), inject: [DataSource] },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        InfrastructureLifecycle,
      ],
      exports: [VigieConfig, Metrics, EventBus, EventStore],
    };
  }
}

