import { SCOPE_DESCRIPTIONS, isScope, type Scope } from '@timesheets/contracts/scopes';

/**
 * What a permission lets a person do, in the SPA's language: the words people read instead of a scope name (the
 * profile, the notice after a permission was withdrawn, the admin's access preview). The English matches the shared
 * contracts' SCOPE_DESCRIPTIONS (the provider's consent page uses those); a scope unknown to this build falls back to
 * its contract description or, failing that, to a neutral phrase, never the scope name.
 */
export function scopeDescription(scope: string): string {
  if (!isScope(scope)) return $localize`:permission:A permission this version of Timesheets does not know`;
  return scopeDescriptions()[scope] ?? SCOPE_DESCRIPTIONS[scope];
}

function scopeDescriptions(): Readonly<Record<Scope, string>> {
  return {
    'read:timesheets': $localize`:permission:Read your timesheet entries`,
    'create:timesheets': $localize`:permission:Create and edit your timesheet entries`,
    'delete:timesheets': $localize`:permission:Delete your timesheet entries`,
    'approve:timesheets': $localize`:permission:Approve or reject the timesheets of the people you manage`,
    'read:projects': $localize`:permission:See the projects you can book time on`,
    'manage:projects': $localize`:permission:Create, rename, archive and restore customers and projects`,
    'manage:period-lock': $localize`:permission:Lock timesheets through a date, so that nothing on or before it changes`,
    'read:reports': $localize`:permission:Report on and export everybody's hours`,
    'read:users': $localize`:permission:Read users and their assignments`,
    'update:users': $localize`:permission:Assign roles and groups to users, block and unblock them`,
    'read:groups': $localize`:permission:Read groups`,
    'create:groups': $localize`:permission:Create groups`,
    'update:groups': $localize`:permission:Update groups, their members and roles`,
    'delete:groups': $localize`:permission:Delete groups`,
    'read:roles': $localize`:permission:Read roles`,
    'create:roles': $localize`:permission:Create roles`,
    'update:roles': $localize`:permission:Update roles and their permissions`,
    'delete:roles': $localize`:permission:Delete roles`,
    'read:permissions': $localize`:permission:Read permissions`,
    'create:permissions': $localize`:permission:Create permissions`,
    'update:permissions': $localize`:permission:Update permissions`,
    'delete:permissions': $localize`:permission:Delete permissions`,
    'read:audit': $localize`:permission:Read the audit log`,
    'manage:clients': $localize`:permission:Register machine clients, rotate their secrets and revoke them`,
  };
}
