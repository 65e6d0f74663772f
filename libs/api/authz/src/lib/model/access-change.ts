import { ADMIN_SCOPES } from '@timesheets/contracts';
import type { AuthzModel, UserAssignments } from './authz-model';

/** Everybody's access at one moment: the configuration and every user's assignments (pre-provisioned ones too). */
export interface AccessSnapshot {
  model: AuthzModel;
  users: readonly UserAssignments[];
}

/**
 * Every user's effective permissions in a snapshot. Users with the same assignments are computed once (most users
 * share a handful of role and group combinations).
 */
export function effectivePermissions(snapshot: AccessSnapshot): Map<string, ReadonlySet<string>> {
  const memo = new Map<string, ReadonlySet<string>>();
  const out = new Map<string, ReadonlySet<string>>();
  for (const user of snapshot.users) {
    const key = `${user.blocked}|${[...user.roleIds].sort().join(',')}|${[...user.groupIds].sort().join(',')}`;
    let permissions = memo.get(key);
    if (!permissions) {
      permissions = snapshot.model.access(user).permissions;
      memo.set(key, permissions);
    }
    out.set(user.id, permissions);
  }
  return out;
}

/**
 * The permissions some user holds after a change and did not hold before it, whichever way they arrive: a role or a
 * group assigned, a group nested under another, a permission added to a role or renamed, a user created or unblocked,
 * an import. Permissions are compared by name, because a name is what a token's scope and a guard check.
 */
export function addedPermissions(
  before: ReadonlyMap<string, ReadonlySet<string>>,
  after: ReadonlyMap<string, ReadonlySet<string>>,
): Set<string> {
  const added = new Set<string>();
  for (const [userId, permissions] of after) {
    const had = before.get(userId);
    for (const p of permissions) if (!had?.has(p)) added.add(p);
  }
  return added;
}

/**
 * True when the actor holds every admin permission: such an actor may add any permission to anybody.
 *
 * Why that is safe: such an actor already defines what every permission and role means (create, rename and delete
 * permissions, set any role's permissions, import a whole configuration), so no permission lies above them for the
 * rule to protect; making them first grant, say, `approve:timesheets` to themselves before assigning the manager role
 * would only add a step the rule must allow anyway. The rule exists to keep a partial administrator (someone
 * delegated `update:users`, `update:groups` or `update:roles`) inside what they were given. `held` is the same set the
 * rule uses (the request's scopes ∩ the actor's effective permissions read in the change's transaction), so a
 * scoped-down token or a just-demoted admin is not exempt, and the lockout rule keeps at least one such holder.
 */
export function mayGrantAnything(held: ReadonlySet<string>): boolean {
  return ADMIN_SCOPES.every((s) => held.has(s));
}

/** What of `added` the actor does not hold, sorted (for an actor who may not grant anything, see mayGrantAnything). */
export function ungrantable(held: ReadonlySet<string>, added: ReadonlySet<string>): string[] {
  return [...added].filter((p) => !held.has(p)).sort();
}

/** How many unblocked users hold every admin permission (the lockout rule keeps this above zero). */
export function adminHolderCount(permissions: ReadonlyMap<string, ReadonlySet<string>>): number {
  let count = 0;
  for (const p of permissions.values()) if (mayGrantAnything(p)) count++;
  return count;
}

/**
 * The roles carrying some admin permission and the groups reaching one of them (directly or through an ancestor):
 * only users assigned one of these can hold every admin permission.
 */
export function adminCarriers(model: AuthzModel): { roleIds: string[]; groupIds: string[] } {
  const roleIds = [...model.roles.values()]
    .filter((r) => model.rolePermissionNames(r).some((p) => (ADMIN_SCOPES as readonly string[]).includes(p)))
    .map((r) => r.id);
  const groupIds = [...model.groups.keys()].filter((g) =>
    model.chain(g).some((c) => c.roleIds.some((r) => roleIds.includes(r))),
  );
  return { roleIds, groupIds };
}
