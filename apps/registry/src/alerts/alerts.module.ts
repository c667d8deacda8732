import { Module } from '@nestjs/common';
import { BreachesModule } from '../breaches/breaches.module';
import { ExceptionsModule } from '../exceptions/exceptions.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AlertEscalationService } from './alert-escalation.service';
import { AlertIndexer } from './alert-indexer';
import { AlertMetrics } from './alert-metrics';
import { AlertSinkConsumer } from './alert-sink.consumer';
import { AlertStatsService } from './alert-stats.service';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

/**
 * Alert triage: the sink of `siem.alerts.v1`, the queue API and workflow, statistics and escalation to the
 * incident log; suppression and notifications come from their modules.
 */
@Module({
  imports: [ExceptionsModule, NotificationsModule, IncidentsModule, BreachesModule],
  controllers: [AlertsController],
  providers: [
    AlertsRepository,
    AlertsService,
    AlertStatsService,
    AlertEscalationService,
    AlertIndexer,
    AlertMetrics,
    AlertSinkConsumer,
  ],
  exports: [AlertsService, AlertSinkConsumer],
})
export class AlertsModule {}
