import { DynamicModule, Module } from '@nestjs/common';
import { ReceiversModule } from './receivers/receivers.module';
import { NormaliserModule } from './normaliser/normaliser.module';
import { IndexerModule } from './indexer/indexer.module';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { RetentionModule } from './retention/retention.module';
import { DetectionModule } from './detection/detection.module';

/**
 * The ingestion app: syslog/HTTP receivers → siem.raw.v1 → normaliser →
 * siem.events.v1 → indexer (event store) and detector (siem.alerts.v1).
 */
@Module({})
export class IngestionModule {
  static register(): DynamicModule {
    return { module: IngestionModule, imports: [ReceiversModule, NormaliserModule, IndexerModule, DeadLettersModule, RetentionModule, DetectionModule] };
  }
}
