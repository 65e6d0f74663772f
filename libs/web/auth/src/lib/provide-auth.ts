import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { apiAuthErrorInterceptor, apiBearerInterceptor } from './auth.interceptors';
import { AuthService } from './auth.service';
import { RuntimeConfigService } from './runtime-config';

/**
 * Everything sign-in needs: HttpClient with the API-only bearer and error interceptors, and an initializer that
 * reads `/config.json` and loads angular-oauth2-oidc in parallel, then completes any sign-in redirect, all before
 * the first navigation. (The library's own DI interceptor stays inactive: `withInterceptorsFromDi` is not used.)
 */
export function provideAuth(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withInterceptors([apiBearerInterceptor, apiAuthErrorInterceptor])),
    provideAppInitializer(async () => {
      const runtime = inject(RuntimeConfigService);
      const auth = inject(AuthService);
      await Promise.all([runtime.load(), auth.load()]);
      await auth.init();
    }),
  ]);
}
