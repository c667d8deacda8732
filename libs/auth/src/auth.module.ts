import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ApiKeyVerifier } from './api-key.service';
import { AuthenticationGuard } from './authentication.guard';
import { RouteAccessAuditor } from './route-access.auditor';
import { TokenService } from './token.service';

/** Authentication and authorisation for every app: the global guard and its services. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [TokenService, ApiKeyVerifier, RouteAccessAuditor, { provide: APP_GUARD, useClass: AuthenticationGuard }],
  exports: [TokenService, ApiKeyVerifier, RouteAccessAuditor],
})
export class AuthModule {}
