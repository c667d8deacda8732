import { DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { ConsoleModule } from './console/console.module';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { EventsModule } from './events/events.module';
import { EvidenceModule } from './evidence/evidence.module';
import { FirstAdmin } from './auth/first-admin';
import { IncidentsModule } from './incidents/incidents.module';
import { IncidentReportsModule } from './incident-reports/incident-reports.module';
import { CorrectiveActionsModule } from './corrective-actions/corrective-actions.module';
import { BreachesModule } from './breaches/breaches.module';
import { MembersController } from './members/members.controller';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { RulesModule } from './rules/rules.module';
import { SourcesModule } from './sources/sources.module';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { GdprRegistryModule } from './processing-activities/gdpr-registry.module';

@Module({
  controllers: [AuthController, UsersController, MembersController, ApiKeysController, AuditController],
  providers: [AuthService, FirstAdmin, UsersService, MembersService, MembersRepository, ApiKeysService],
  exports: [MembersService, UsersService],
})
class AccountsModule {}

/**
 * The registry app: REST API over PostgreSQL for members, accounts, the GDPR
 * registers, the application map, alert triage, the ISMS incident log and
 * evidence exports.
 */
@Module({})
export class RegistryModule {
  static register(): DynamicModule {
    return {
      module: RegistryModule,
      imports: [
        AccountsModule,
        EventsModule,
        SourcesModule,
        RulesModule,
        IncidentsModule,
        IncidentReportsModule,
        CorrectiveActionsModule,
        BreachesModule,
        GdprRegistryModule,
        AlertsModule,
        ConsoleModule,
        EvidenceModule,
      ],
    };
  }
}
