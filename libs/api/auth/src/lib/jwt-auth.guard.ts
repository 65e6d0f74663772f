import { ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AuthChallengeException, type Principal } from '@timesheets/api-core';
import { AUTH_OPTIONS, type AuthOptions, IS_PUBLIC_KEY, REQUIRED_SCOPES_KEY } from './auth.constants';
import { EffectiveScopesResolver } from './effective-scopes.resolver';
import { TokenPrefilter } from './token-prefilter';
import { VerifiedTokenCache } from './verified-token.cache';

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: Principal;
}

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The global guard: every route is closed unless it is `@Public()` or declares its scopes with `@RequireScopes()`.
 * Authenticates with the passport JWT strategy (or the cache of tokens already verified), then narrows the token's
 * scopes to what the user may do now.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly requestPrincipals = new WeakMap<Principal, { resolved: object; user: Principal }>();
  // Thrown as they are, every time: a refusal should cost little (no new error object, no stack trace).
  private readonly missingToken: AuthChallengeException;
  private readonly invalidToken: AuthChallengeException;

  constructor(
    private readonly reflector: Reflector,
    private readonly cache: VerifiedTokenCache,
    private readonly resolver: EffectiveScopesResolver,
    private readonly prefilter: TokenPrefilter,
    @Inject(AUTH_OPTIONS) options: AuthOptions,
  ) {
    super();
    this.missingToken = AuthChallengeException.missingToken(options.realm);
    this.invalidToken = AuthChallengeException.invalidToken(options.realm);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<string[]>(REQUIRED_SCOPES_KEY, targets) === undefined) {
      // A route that forgot to declare its access policy stays closed (the route inventory test catches it).
      throw new ForbiddenException('Access denied');
    }

    const request = context.switchToHttp().getRequest<AuthRequest>();
    const header = request.headers['authorization'];
    if (header === undefined) throw this.missingToken;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) throw this.invalidToken;
    const token = match[1];

    let principal = this.cache.get(token);
    if (!principal) {
      if (!(await this.prefilter.plausible(token))) throw this.invalidToken;
      await super.canActivate(context);
      principal = request.user as Principal;
      this.cache.set(token, principal);
    }
    const resolved = await this.resolver.resolveRequest(principal);
    // The same token with the same current access gives the same principal: built once, not on every request.
    const known = this.requestPrincipals.get(principal);
    if (known?.resolved === resolved) request.user = known.user;
    else {
      const user: Principal = Object.freeze({ ...principal, ...resolved });
      this.requestPrincipals.set(principal, { resolved, user });
      request.user = user;
    }
    return true;
  }

  override handleRequest<TUser = Principal>(err: unknown, user: TUser | false): TUser {
    if (err || !user) throw this.invalidToken;
    return user;
  }
}
