import { Scopes } from '@timesheets/contracts';

/** Admin sections and the scopes that open them (read scope of the section's list; export/import: either half). */
export const ADMIN_SECTIONS: readonly { path: string; label: string; anyOf: readonly string[] }[] = [
  { path: 'users', label: $localize`Users`, anyOf: [Scopes.ReadUsers] },
  { path: 'roles', label: $localize`Roles`, anyOf: [Scopes.ReadRoles] },
  { path: 'permissions', label: $localize`Permissions`, anyOf: [Scopes.ReadPermissions] },
  { path: 'groups', label: $localize`Groups`, anyOf: [Scopes.ReadGroups] },
  { path: 'projects', label: $localize`Projects`, anyOf: [Scopes.ManageProjects] },
  { path: 'period-lock', label: $localize`Period lock`, anyOf: [Scopes.ManagePeriodLock] },
  { path: 'audit', label: $localize`Audit log`, anyOf: [Scopes.ReadAudit] },
  { path: 'clients', label: $localize`Machine clients`, anyOf: [Scopes.ManageClients] },
  { path: 'transfer', label: $localize`Export / import`, anyOf: [Scopes.ReadRoles, Scopes.UpdateRoles] },
];
