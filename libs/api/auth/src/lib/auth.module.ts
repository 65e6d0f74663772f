import { DynamicModule, Module, type ModuleMetadata, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AUTH_OPTIONS, type AuthOptions } from './auth.constants';
import { EffectiveScopesResolver, TokenScopesResolver } from './effective-scopes.resolver';
import { JwksKeyStore } from './jwks-key-store';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { ScopesGuard } from './scopes.guard';
import { TokenPrefilter } from './token-prefilter';
import { VerifiedTokenCache } from './verified-token.cache';

export interface AuthModuleOptions {
  options: AuthOptions;
  /** Modules that provide the scopes resolver. */
  imports?: ModuleMetadata['imports'];
  /** Replaces the default resolver (which trusts the token's scopes). */
  scopesResolver?: Type<EffectiveScopesResolver>;
}

@Module({})
export class AuthModule {
  static forRoot({ options, imports = [], scopesResolver }: AuthModuleOptions): DynamicModule {
    const resolver: Provider = scopesResolver
      ? { provide: EffectiveScopesResolver, useExisting: scopesResolver }
      : { provide: EffectiveScopesResolver, useClass: TokenScopesResolver };
    return {
      module: AuthModule,
      global: true,
      imports: [PassportModule, ...imports],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        resolver,
        JwksKeyStore,
        JwtStrategy,
        TokenPrefilter,
        VerifiedTokenCache,
        ScopesGuard,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [AUTH_OPTIONS, ScopesGuard, VerifiedTokenCache, JwksKeyStore, EffectiveScopesResolver],
    };
  }
}
