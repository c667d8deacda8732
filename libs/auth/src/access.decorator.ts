import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { Role } from './roles';

export const ACCESS_KEY = 'vigie:access';

/**
 * Every route declares who may call it; a route without a declaration stops
 * the app at start-up (RouteAccessAuditor).
 * - `public`: no authentication (login, health).
 * - `roles`: any of these roles; data is still filtered by member scope in the
 *   repositories.
 * - `apiKey`: a member API key (log shippers), bound to one member.
 * - `authenticated`: any signed-in user (e.g. `me`, logout).
 */
export type AccessRule =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: Role[] } | { kind: 'apiKey' };

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);
export const Authenticated = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'authenticated' } satisfies AccessRule), ApiBearerAuth());
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessRule), ApiBearerAuth());
export const ApiKeyAccess = () =>
  applyDecorators(SetMetadata(ACCESS_KEY, { kind: 'apiKey' } satisfies AccessRule), ApiSecurity('apiKey'));

/** Roles allowed to read across the board (auditor reads only). */
export const READERS: Role[] = ['admin', 'rssi', 'dpo', 'referent', 'auditor'];
