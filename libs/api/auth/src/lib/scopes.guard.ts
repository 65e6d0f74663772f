import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasAllScopes } from '@timesheets/contracts';
import { AuthChallengeException, type Principal } from '@timesheets/api-core';
import { AUTH_OPTIONS, type AuthOptions, REQUIRED_SCOPES_KEY } from './auth.constants';

/** Allows the request only when every scope the route declares was granted (exact match). */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const required =
      this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal) throw AuthChallengeException.missingToken(this.options.realm);
    if (!hasAllScopes(principal.scopes, required)) {
      throw AuthChallengeException.insufficientScope(this.options.realm, required);
    }
    return true;
  }
}
