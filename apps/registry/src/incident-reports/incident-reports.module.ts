import { Module } from '@nestjs/common';
import { BreachesModule } from '../breaches/breaches.module';
import { CorrectiveActionsModule } from '../corrective-actions/corrective-actions.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { IncidentReportService } from './incident-report.service';
import { IncidentReportsController } from './incident-reports.controller';
import { IncidentReportsService } from './incident-reports.service';

/** Incident reports (JSON, PDF), incident log exports (CSV, XLSX) and metrics. */
@Module({
  imports: [IncidentsModule, BreachesModule, CorrectiveActionsModule],
  controllers: [IncidentReportsController],
  providers: [IncidentReportService, IncidentReportsService],
})
export class IncidentReportsModule {}
