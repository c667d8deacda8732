import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainError } from '@vigie/contracts';
import { Principal } from './principal';

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const p = ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!p) throw new DomainError('unauthenticated', 'unauthenticated', 'Authentication required');
  return p;
});
