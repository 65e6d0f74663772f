import { Scopes } from '@timesheets/contracts';

/** Admin sections and the scopes that open them (read scope of the section's list; export/import: either half). */
export const ADMIN_SECTIONS: readonly { path: string; label: string; anyOf: readonly string[] }[] = [
  { path: 'users', label: 'Users', anyOf: [Scopes.ReadUsers] },
  { path: 'roles', label: 'Roles', anyOf: [Scopes.ReadRoles] },
  { path: 'permissions', label: 'Permissions', anyOf: [Scopes.ReadPermissions] },
  { path: 'groups', label: 'Groups', anyOf: [Scopes.ReadGroups] },
  { path: 'projects', label: 'Projects', anyOf: [Scopes.ManageProjects] },
  { path: 'period-lock', label: 'Period lock', anyOf: [Scopes.ManagePeriodLock] },
  { path: 'audit', label: 'Audit log', anyOf: [Scopes.ReadAudit] },
  { path: 'transfer', label: 'Export / import', anyOf: [Scopes.ReadRoles, Scopes.UpdateRoles] },
];
