import { DynamicModule, Module } from '@nestjs/common';

/**
 * The registry app: REST API over PostgreSQL for members, accounts, the GDPR
 * registers, the application map, alert triage, the ISMS incident log and
 * evidence exports.
 */
@Module({})
export class RegistryModule {
  static register(): DynamicModule {
    return { module: RegistryModule, imports: [] };
  }
}
