import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService } from './auth.service';
import { RuntimeConfigService } from './runtime-config';

/** Adds the access token to requests for the configured API URL, and to nothing else (not the provider, not third parties). */
export const apiBearerInterceptor: HttpInterceptorFn = (req, next) => {
  const runtime = inject(RuntimeConfigService);
  if (!runtime.isApiUrl(req.url) || req.headers.has('Authorization')) return next(req);
  const token = inject(AuthService).accessToken();
  return next(token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req);
};

/**
 * Set on a read whose caller explains a refusal itself: a 403 that the API does not mark as a scope failure (e.g. a
 * report filter naming someone outside one's reach) then reaches the caller instead of the "no permission" page.
 */
export const EXPLAINS_REFUSALS = new HttpContextToken<boolean>(() => false);

/**
 * API errors that concern the session: 401 starts sign-in again (back to the same page). A 403 for a missing scope
 * means the user's permissions changed while signed in: the grant is refreshed once and the scopes the API refused are
 * withdrawn (`AuthService.permissionsRefused`), so navigation and buttons follow; if that closed the current page, the
 * router's guards take the user away from it. Other 403s (e.g. approving one's own entry) reach the component, which
 * explains them.
 */
export const apiAuthErrorInterceptor: HttpInterceptorFn = (req, next) => {
  const runtime = inject(RuntimeConfigService);
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((err: unknown) => {
      if (err instanceof HttpErrorResponse && runtime.isApiUrl(req.url)) {
        if (err.status === 401) {
          auth.login(router.url);
        } else if (err.status === 403 && isInsufficientScope(err, req.method, req.context.get(EXPLAINS_REFUSALS))) {
          const used = req.headers.get('Authorization')?.replace(/^Bearer /, '') ?? null;
          void auth.permissionsRefused(requiredScopes(err), used).then((changed) => {
            // The guards decide again whether the current page is still open (its components are kept if it is).
            if (changed) void router.navigateByUrl(router.url, { onSameUrlNavigation: 'reload' });
          });
        }
      }
      return throwError(() => err);
    }),
  );
};

/**
 * The API marks scope failures with `WWW-Authenticate: Bearer error="insufficient_scope"` (readable when CORS
 * exposes it); without the header a 403 on a read is taken as a scope failure too, unless its caller explains
 * refusals itself (`EXPLAINS_REFUSALS`).
 */
export function isInsufficientScope(err: HttpErrorResponse, method: string, callerExplains = false): boolean {
  const header = err.headers?.get('WWW-Authenticate') ?? '';
  if (header.includes('insufficient_scope')) return true;
  return method === 'GET' && !header && !callerExplains;
}

/** The scopes an `insufficient_scope` challenge names (RFC 6750 §3: `scope="a b"`), none when it names none. */
export function requiredScopes(err: HttpErrorResponse): string[] {
  const header = err.headers?.get('WWW-Authenticate') ?? '';
  const m = /(?:^|[\s,])scope="([^"]*)"/.exec(header);
  return m ? m[1].split(' ').filter((s) => s.length > 0) : [];
}
