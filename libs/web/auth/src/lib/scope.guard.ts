import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router, UrlTree } from '@angular/router';
import { AuthService } from './auth.service';

function check(mode: 'all' | 'any', scopes: readonly string[], url: string): boolean | UrlTree {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!auth.signedIn()) {
    // Off to the provider; `url` comes back as state. Meanwhile show the landing page, not "not found".
    auth.login(url);
    return router.createUrlTree(['/']);
  }
  const ok = scopes.length === 0 || (mode === 'all' ? auth.hasScopes(...scopes) : auth.hasAnyScope(...scopes));
  return ok ? true : router.createUrlTree(['/forbidden']);
}

function attemptedUrl(fallback: string): string {
  const router = inject(Router);
  const nav = router.currentNavigation();
  return nav ? router.serializeUrl(nav.extractedUrl) : fallback;
}

/**
 * Allows the route only with every one of `scopes` granted (none: signed in is enough). Signed-out users are
 * sent to sign in and come back to the URL they asked for; signed-in users without the scopes see /forbidden.
 * Works as `canMatch` (the lazy chunk is not even downloaded) and as `canActivate`.
 */
export function scopeGuard(...scopes: string[]): CanMatchFn & CanActivateFn {
  return (_route: unknown, segmentsOrState: unknown) => {
    const url =
      segmentsOrState &&
      typeof segmentsOrState === 'object' &&
      'url' in segmentsOrState &&
      typeof segmentsOrState.url === 'string'
        ? segmentsOrState.url
        : attemptedUrl('/');
    return check('all', scopes, url);
  };
}

/** Like scopeGuard, but one of `scopes` is enough (e.g. any admin scope opens the admin area). */
export function anyScopeGuard(...scopes: string[]): CanMatchFn & CanActivateFn {
  return (_route: unknown, segmentsOrState: unknown) => {
    const url =
      segmentsOrState &&
      typeof segmentsOrState === 'object' &&
      'url' in segmentsOrState &&
      typeof segmentsOrState.url === 'string'
        ? segmentsOrState.url
        : attemptedUrl('/');
    return check('any', scopes, url);
  };
}
