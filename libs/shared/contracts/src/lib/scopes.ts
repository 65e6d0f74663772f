/**
 * Every permission (OAuth scope) Timesheets knows, defined once. The API guards, the OpenID Provider's
 * scope list, the SPA's route guards and buttons all read this map.
 */
export const Scopes = {
  ReadTimesheets: 'read:timesheets',
  CreateTimesheets: 'create:timesheets',
  DeleteTimesheets: 'delete:timesheets',
  ApproveTimesheets: 'approve:timesheets',
  ReadProjects: 'read:projects',
  ManageProjects: 'manage:projects',
  ManagePeriodLock: 'manage:period-lock',
  ReadReports: 'read:reports',
  ReadUsers: 'read:users',
  UpdateUsers: 'update:users',
  ReadGroups: 'read:groups',
  CreateGroups: 'create:groups',
  UpdateGroups: 'update:groups',
  DeleteGroups: 'delete:groups',
  ReadRoles: 'read:roles',
  CreateRoles: 'create:roles',
  UpdateRoles: 'update:roles',
  DeleteRoles: 'delete:roles',
  ReadPermissions: 'read:permissions',
  CreatePermissions: 'create:permissions',
  UpdatePermissions: 'update:permissions',
  DeletePermissions: 'delete:permissions',
  ReadAudit: 'read:audit',
  ManageClients: 'manage:clients',
} as const;

export type ScopeKey = keyof typeof Scopes;
export type Scope = (typeof Scopes)[ScopeKey];

export const ALL_SCOPES: readonly Scope[] = Object.values(Scopes);

/** What people who record or approve time use; every other scope reports (REPORT_SCOPES) or administers (ADMIN_SCOPES). */
export const TIMESHEET_SCOPES: readonly Scope[] = [
  Scopes.ReadTimesheets,
  Scopes.CreateTimesheets,
  Scopes.DeleteTimesheets,
  Scopes.ApproveTimesheets,
  Scopes.ReadProjects,
];

/** Reading everybody's hours (reports and payroll exports): neither recording time nor administering. */
export const REPORT_SCOPES: readonly Scope[] = [Scopes.ReadReports];

/** Any of these gives a reach in reports. */
export const REPORT_READER_SCOPES: readonly Scope[] = [
  Scopes.ReadTimesheets,
  Scopes.ApproveTimesheets,
  Scopes.ReadReports,
];

export const ADMIN_SCOPES: readonly Scope[] = ALL_SCOPES.filter(
  (s) => !TIMESHEET_SCOPES.includes(s) && !REPORT_SCOPES.includes(s),
);

/** Human-readable descriptions, shown on consent pages and in the admin area. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  'read:timesheets': 'Read your timesheet entries',
  'create:timesheets': 'Create and edit your timesheet entries',
  'delete:timesheets': 'Delete your timesheet entries',
  'approve:timesheets': 'Approve or reject the timesheets of the people you manage',
  'read:projects': 'See the projects you can book time on',
  'manage:projects': 'Create, rename, archive and restore customers and projects',
  'manage:period-lock': 'Lock timesheets through a date, so that nothing on or before it changes',
  'read:reports': "Report on and export everybody's hours",
  'read:users': 'Read users and their assignments',
  'update:users': 'Assign roles and groups to users, block and unblock them',
  'read:groups': 'Read groups',
  'create:groups': 'Create groups',
  'update:groups': 'Update groups, their members and roles',
  'delete:groups': 'Delete groups',
  'read:roles': 'Read roles',
  'create:roles': 'Create roles',
  'update:roles': 'Update roles and their permissions',
  'delete:roles': 'Delete roles',
  'read:permissions': 'Read permissions',
  'create:permissions': 'Create permissions',
  'update:permissions': 'Update permissions',
  'delete:permissions': 'Delete permissions',
  'read:audit': 'Read the audit log',
  'manage:clients': 'Register machine clients, rotate their secrets and revoke them',
};

/**
 * Scopes meant for machines: only a machine client (client-credentials grant, no user) is ever granted one, and a
 * machine client is granted nothing else. They are not people's permissions: the OpenID Provider never puts one in a
 * user's token, and the API ignores one found there.
 */
export const MachineScopes = {
  ImportTimesheets: 'import:timesheets',
} as const;

export type MachineScope = (typeof MachineScopes)[keyof typeof MachineScopes];

export const MACHINE_SCOPES: readonly MachineScope[] = Object.values(MachineScopes);

/** What each machine scope lets a client do, in plain words (the admin area shows them when registering a client). */
export const MACHINE_SCOPE_DESCRIPTIONS: Readonly<Record<MachineScope, string>> = {
  'import:timesheets':
    'Upload timesheet entries for anyone, by email (up to 1,000 at a time, as drafts or submitted, never approved)',
};

export function isMachineScope(value: unknown): value is MachineScope {
  return typeof value === 'string' && (MACHINE_SCOPES as readonly string[]).includes(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (ALL_SCOPES as readonly string[]).includes(value);
}

/** Splits an OAuth `scope` string (space-separated, RFC 6749 §3.3) into distinct tokens. */
export function parseScopeString(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return [...new Set(value.split(' ').filter((s) => s.length > 0))];
}

/** True when every required scope is granted (exact, case-sensitive match). */
export function hasAllScopes(granted: ReadonlySet<string> | readonly string[], required: readonly string[]): boolean {
  const set: ReadonlySet<string> = granted instanceof Set ? granted : new Set(granted as readonly string[]);
  return required.every((s) => set.has(s));
}
