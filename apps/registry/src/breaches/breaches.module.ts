import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { BreachRegisterController } from './breach-register.controller';
import { BreachesController } from './breaches.controller';
import { BreachesRepository } from './breaches.repository';
import { BreachesService } from './breaches.service';

/** The personal data breach workflow (GDPR Art. 33/34) and the per-member breach register. */
@Module({
  imports: [IncidentsModule],
  controllers: [BreachesController, BreachRegisterController],
  providers: [BreachesRepository, BreachesService],
  exports: [BreachesService, BreachesRepository],
})
export class BreachesModule {}
