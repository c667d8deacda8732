import { Module } from '@nestjs/common';
import { ApplicationsController } from '../applications/applications.controller';
import { ApplicationsRepository } from '../applications/applications.repository';
import { ApplicationsService } from '../applications/applications.service';
import { ProcessorRegisterController } from '../processor-register/processor-register.controller';
import { ProcessorRegisterService } from '../processor-register/processor-register.service';
import { RegisterController } from '../register-exports/register.controller';
import { RegisterService } from '../register-exports/register.service';
import { ReferenceDataController } from '../reference-data/reference-data.controller';
import { ReferenceDataRepository } from '../reference-data/reference-data.repository';
import { DemoSeedOnFirstStart } from '../seed/demo-seed.provider';
import { ActivityDashboardController, ProcessingActivitiesController } from './processing-activities.controller';
import { ProcessingActivitiesRepository } from './processing-activities.repository';
import { ProcessingActivitiesService } from './processing-activities.service';

/**
 * The GDPR registry: reference data, the application map, members' Art. 30(1)
 * records with workflow and history, DPIA triggers, the derived Art. 30(2)
 * register, exports and import. `ApplicationsService.assetMap()` is exported
 * for the SIEM enrichment and `impactOf...` for incidents and alerts.
 */
@Module({
  controllers: [
    ReferenceDataController,
    ApplicationsController,
    ActivityDashboardController,
    ProcessingActivitiesController,
    ProcessorRegisterController,
    RegisterController,
  ],
  providers: [
    ReferenceDataRepository,
    ApplicationsRepository,
    ApplicationsService,
    ProcessingActivitiesRepository,
    ProcessingActivitiesService,
    ProcessorRegisterService,
    RegisterService,
    DemoSeedOnFirstStart,
  ],
  exports: [ApplicationsService, ProcessingActivitiesService, ProcessorRegisterService, RegisterService],
})
export class GdprRegistryModule {}
