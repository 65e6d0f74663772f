import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { ADMIN_SCOPES, REPORT_READER_SCOPES, Scopes } from '@timesheets/contracts/scopes';
import { AuthService } from '@timesheets/web-auth';

/** Signed-in users skip the landing page and go to the first area their scopes open. */
export const homeRedirectGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (!auth.signedIn()) return true;
  if (auth.hasScopes(Scopes.ReadTimesheets)) return router.parseUrl('/timesheets');
  if (auth.hasAnyScope(...ADMIN_SCOPES)) return router.parseUrl('/admin');
  if (auth.hasAnyScope(...REPORT_READER_SCOPES)) return router.parseUrl('/reports');
  return router.parseUrl('/profile');
};
