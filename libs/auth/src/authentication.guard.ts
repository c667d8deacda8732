import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@vigie/contracts';
import type { Request } from 'express';
import { ACCESS_KEY, AccessRule } from './access.decorator';
import { ApiKeyVerifier } from './api-key.service';
import { Principal } from './principal';
import { RequestContext } from './request-context';
import { TokenService } from './token.service';

/**
 * The one gate of every route: authenticates the caller (bearer token or member
 * API key), checks the route's access rule, and puts the principal in the
 * request context, where repositories read the member scope.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly apiKeys: ApiKeyVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new DomainError('forbidden', 'no_access_rule', 'This route declares no access rule');
    if (rule.kind === 'public') return true;
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    let principal: Principal;
    if (rule.kind === 'apiKey') {
      const key = header(req, 'x-api-key') ?? bearer(req);
      if (!key)
        throw new DomainError('unauthenticated', 'api_key_required', 'An API key is required (x-api-key header)');
      principal = await this.apiKeys.verify(key);
    } else {
      const token = bearer(req);
      if (!token)
        throw new DomainError(
          'unauthenticated',
          'unauthenticated',
          'Authentication required (Authorization: Bearer <token>)',
        );
      principal = await this.tokens.verify(token);
      if (rule.kind === 'roles' && !principal.roles.some((r) => rule.roles.includes(r))) {
        throw new DomainError('forbidden', 'forbidden', `This action needs one of the roles: ${rule.roles.join(', ')}`);
      }
    }
    req.principal = principal;
    RequestContext.setPrincipal(principal);
    return true;
  }
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function bearer(req: Request): string | undefined {
  const h = header(req, 'authorization');
  const m = h?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}
