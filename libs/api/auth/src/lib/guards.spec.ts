import { Controller, ForbiddenException, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { AuthChallengeException, type Principal } from '@timesheets/api-core';
import type { AuthOptions } from './auth.constants';
import { Public, RequireScopes } from './decorators';
import { TokenScopesResolver, EffectiveScopesResolver } from './effective-scopes.resolver';
import { JwtAuthGuard } from './jwt-auth.guard';
import { ScopesGuard } from './scopes.guard';
import type { TokenPrefilter } from './token-prefilter';
import { VerifiedTokenCache } from './verified-token.cache';

const options: AuthOptions = {
  issuer: 'https://issuer.test',
  audience: 'https://api.test',
  algorithms: ['RS256'],
  tokenTypes: ['at+jwt'],
  requireTokenType: true,
  subjectClaim: 'sub',
  clockToleranceSeconds: 30,
  realm: 'timesheets',
  jwksTimeoutMs: 1000,
};

@Controller('demo')
class DemoController {
  @Get('open') @Public() open() {
    return 'open';
  }
  @Get('read') @RequireScopes('read:timesheets') read() {
    return 'read';
  }
  @Get('approve') @RequireScopes('read:timesheets', 'approve:timesheets') approve() {
    return 'approve';
  }
  @Get('any') @RequireScopes() any() {
    return 'any';
  }
  @Get('forgotten') forgotten() {
    return 'forgotten';
  }
}

function principal(scopes: string[], exp = Math.floor(Date.now() / 1000) + 300): Principal {
  const set = new Set(scopes);
  return {
    kind: 'user',
    issuer: options.issuer,
    subject: 'u1',
    clientId: null,
    email: null,
    name: null,
    tokenScopes: set,
    scopes: set,
    expiresAt: exp,
  };
}

function context(handler: keyof DemoController, request: Record<string, unknown>): ExecutionContext {
  return {
    getHandler: () => DemoController.prototype[handler],
    getClass: () => DemoController,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
}

describe('ScopesGuard', () => {
  const guard = new ScopesGuard(new Reflector(), options);

  it('allows when every declared scope is granted', () => {
    expect(guard.canActivate(context('approve', { user: principal(['read:timesheets', 'approve:timesheets']) }))).toBe(
      true,
    );
    expect(guard.canActivate(context('any', { user: principal([]) }))).toBe(true);
  });

  it('refuses with insufficient_scope when one is missing, and matches exactly', () => {
    for (const scopes of [
      ['read:timesheets'],
      ['read:timesheets', 'approve:timesheetsx'],
      ['read:timesheets approve:timesheets'],
    ]) {
      try {
        guard.canActivate(context('approve', { user: principal(scopes) }));
        throw new Error('expected a refusal');
      } catch (e) {
        expect(e).toBeInstanceOf(AuthChallengeException);
        expect((e as AuthChallengeException).getStatus()).toBe(403);
        expect((e as AuthChallengeException).challenge).toContain('error="insufficient_scope"');
      }
    }
  });
});

describe('JwtAuthGuard', () => {
  class CountingResolver extends EffectiveScopesResolver {
    calls = 0;
    async resolve(p: Principal) {
      this.calls++;
      return new Set([...p.tokenScopes].filter((s) => s !== 'approve:timesheets'));
    }
  }
  let cache: VerifiedTokenCache;
  let resolver: CountingResolver;
  let guard: JwtAuthGuard;
  beforeEach(() => {
    cache = new VerifiedTokenCache();
    resolver = new CountingResolver();
    const refuseAll = { plausible: async () => false } as unknown as TokenPrefilter;
    guard = new JwtAuthGuard(new Reflector(), cache, resolver, refuseAll, options);
  });

  it('lets public routes through without a token', async () => {
    await expect(guard.canActivate(context('open', { headers: {} }))).resolves.toBe(true);
  });

  it('closes routes that declare no access policy, even with a valid cached token', async () => {
    cache.set('abc', principal(['read:timesheets']));
    await expect(
      guard.canActivate(context('forgotten', { headers: { authorization: 'Bearer abc' } })),
    ).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('asks for a token when none is sent (no error code) and refuses other schemes', async () => {
    await expect(guard.canActivate(context('read', { headers: {} }))).rejects.toMatchObject({
      challenge: 'Bearer realm="timesheets"',
    });
    await expect(guard.canActivate(context('read', { headers: { authorization: 'Basic abc' } }))).rejects.toMatchObject(
      {
        challenge: expect.stringContaining('invalid_token'),
      },
    );
  });

  it('uses the verified-token cache and narrows scopes through the resolver', async () => {
    cache.set('abc.def.ghi', principal(['read:timesheets', 'approve:timesheets']));
    const request: { headers: Record<string, string>; user?: Principal } = {
      headers: { authorization: 'Bearer abc.def.ghi' },
    };
    await expect(guard.canActivate(context('read', request))).resolves.toBe(true);
    expect([...(request.user?.scopes ?? [])]).toEqual(['read:timesheets']);
    expect([...(request.user?.tokenScopes ?? [])]).toEqual(['read:timesheets', 'approve:timesheets']);
    expect(resolver.calls).toBe(1);
  });

  it('refuses a token the prefilter finds certainly invalid, without the strategy', async () => {
    await expect(
      guard.canActivate(context('read', { headers: { authorization: 'Bearer not.a.token' } })),
    ).rejects.toMatchObject({ challenge: expect.stringContaining('invalid_token') });
  });

  it('turns any strategy failure into a fixed invalid_token 401', () => {
    expect(() => guard.handleRequest(new Error('jwt audience invalid. expected: https://api.test'), false)).toThrow(
      'The access token is invalid or expired',
    );
    expect(() => guard.handleRequest(null, false)).toThrow(AuthChallengeException);
  });
});

describe('TokenScopesResolver', () => {
  it('trusts the token', async () => {
    const p = principal(['a', 'b']);
    expect(await new TokenScopesResolver().resolve(p)).toBe(p.tokenScopes);
  });
});

describe('VerifiedTokenCache', () => {
  it('forgets expired tokens and stays bounded', () => {
    const cache = new VerifiedTokenCache();
    cache.set('old', principal([], 100));
    expect(cache.get('old', 101)).toBeUndefined();
    for (let i = 0; i < 10_050; i++) cache.set(`t${i}`, principal([]));
    expect(cache.size).toBe(10_000);
    expect(cache.get('t0')).toBeUndefined();
    expect(cache.get('t10049')).toBeDefined();
  });
});
