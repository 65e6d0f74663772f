import { inject } from '@angular/core';
import { Router, Routes } from '@angular/router';
import { Scopes } from '@timesheets/contracts';
import { AuthService, anyScopeGuard, scopeGuard } from '@timesheets/web-auth';
import { provideLocaleDates } from '@timesheets/web-ui';
import { ADMIN_SECTIONS } from './admin-sections';
import { AdminShell } from './admin-shell';
import { AuditPage } from './audit-page';
import { ClientsPage } from './clients-page';
import { GroupsPage } from './groups-page';
import { PeriodLockPage } from './period-lock-page';
import { PermissionsPage } from './permissions-page';
import { ProjectsPage } from './projects-page';
import { RolesPage } from './roles-page';
import { TransferPage } from './transfer-page';
import { UsersPage } from './users-page';

/** Opens the first section the user's scopes allow. */
const firstSection = () => {
  const auth = inject(AuthService);
  const first = ADMIN_SECTIONS.find((s) => auth.hasAnyScope(...s.anyOf));
  return inject(Router).parseUrl(first ? `/admin/${first.path}` : '/forbidden');
};

/** Lazy-loaded by the app behind `canMatch: [anyScopeGuard(...ADMIN_SCOPES)]`; each section checks its own scope. */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: AdminShell,
    providers: [provideLocaleDates()],
    children: [
      { path: '', pathMatch: 'full', canActivate: [firstSection], children: [] },
      {
        path: 'users',
        component: UsersPage,
        canActivate: [scopeGuard(Scopes.ReadUsers)],
        title: $localize`Users · Admin`,
      },
      {
        path: 'roles',
        component: RolesPage,
        canActivate: [scopeGuard(Scopes.ReadRoles, Scopes.ReadPermissions)],
        title: $localize`Roles · Admin`,
      },
      {
        path: 'permissions',
        component: PermissionsPage,
        canActivate: [scopeGuard(Scopes.ReadPermissions)],
        title: $localize`Permissions · Admin`,
      },
      {
        path: 'groups',
        component: GroupsPage,
        canActivate: [scopeGuard(Scopes.ReadGroups)],
        title: $localize`Groups · Admin`,
      },
      {
        path: 'projects',
        component: ProjectsPage,
        canActivate: [scopeGuard(Scopes.ManageProjects)],
        title: $localize`Projects · Admin`,
      },
      {
        path: 'period-lock',
        component: PeriodLockPage,
        canActivate: [scopeGuard(Scopes.ManagePeriodLock)],
        title: $localize`Period lock · Admin`,
      },
      {
        path: 'audit',
        component: AuditPage,
        canActivate: [scopeGuard(Scopes.ReadAudit)],
        title: $localize`Audit log · Admin`,
      },
      {
        path: 'clients',
        component: ClientsPage,
        canActivate: [scopeGuard(Scopes.ManageClients)],
        title: $localize`Machine clients · Admin`,
      },
      {
        path: 'transfer',
        component: TransferPage,
        canActivate: [anyScopeGuard(Scopes.ReadRoles, Scopes.UpdateRoles)],
        title: $localize`Export and import · Admin`,
      },
    ],
  },
];
