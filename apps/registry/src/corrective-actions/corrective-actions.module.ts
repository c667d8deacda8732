import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { CorrectiveActionsController } from './corrective-actions.controller';
import { CorrectiveActionsRepository } from './corrective-actions.repository';
import { CorrectiveActionsService } from './corrective-actions.service';

/** Corrective actions (ISO 27001 clause 10.2). */
@Module({
  imports: [IncidentsModule],
  controllers: [CorrectiveActionsController],
  providers: [CorrectiveActionsRepository, CorrectiveActionsService],
  exports: [CorrectiveActionsService, CorrectiveActionsRepository],
})
export class CorrectiveActionsModule {}
