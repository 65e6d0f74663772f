import { Route } from '@angular/router';
import { ADMIN_SCOPES, REPORT_READER_SCOPES, Scopes } from '@timesheets/contracts/scopes';
import { anyScopeGuard, scopeGuard } from '@timesheets/web-auth';
import { LandingPage, homeRedirectGuard } from '@timesheets/web-shell';

/** Every feature is lazy and behind `canMatch`, so a user without its scopes never downloads its code. */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', component: LandingPage, canActivate: [homeRedirectGuard], title: 'Timesheets' },
  {
    path: 'timesheets',
    canMatch: [scopeGuard(Scopes.ReadTimesheets)],
    loadChildren: () => import('@timesheets/web-timesheets').then((m) => m.TIMESHEETS_ROUTES),
  },
  {
    path: 'approvals',
    canMatch: [scopeGuard(Scopes.ApproveTimesheets)],
    loadChildren: () => import('@timesheets/web-approvals').then((m) => m.APPROVALS_ROUTES),
  },
  {
    // Everyone reports within their reach: their own time, their people's, or everybody's with read:reports.
    path: 'reports',
    canMatch: [anyScopeGuard(...REPORT_READER_SCOPES)],
    loadChildren: () => import('@timesheets/web-reports').then((m) => m.REPORTS_ROUTES),
  },
  {
    path: 'admin',
    canMatch: [anyScopeGuard(...ADMIN_SCOPES)],
    loadChildren: () => import('@timesheets/web-admin').then((m) => m.ADMIN_ROUTES),
  },
  {
    path: 'profile',
    canMatch: [scopeGuard()],
    loadComponent: () => import('@timesheets/web-profile').then((m) => m.ProfilePage),
    title: $localize`Profile · Timesheets`,
  },
  {
    path: 'forbidden',
    loadComponent: () => import('@timesheets/web-profile').then((m) => m.ForbiddenPage),
    title: $localize`You don't have permission · Timesheets`,
  },
  {
    path: '**',
    loadComponent: () => import('@timesheets/web-profile').then((m) => m.NotFoundPage),
    title: $localize`Not found · Timesheets`,
  },
];
