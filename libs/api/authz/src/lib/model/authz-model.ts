import type { EffectivePermission, PermissionSource } from '@timesheets/contracts';

export interface PermissionRec {
  id: string;
  name: string;
  description: string;
}

export interface RoleRec {
  id: string;
  name: string;
  description: string;
  permissionIds: string[];
}

export interface GroupRec {
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  roleIds: string[];
}

export interface UserAssignments {
  id: string;
  blocked: boolean;
  roleIds: string[];
  groupIds: string[];
}

/** The user's groups: each direct group and every ancestor, with the chain it comes through (innermost first). */
export interface GroupMembership {
  group: GroupRec;
  /** Names from the direct group up to and including this one. */
  chain: string[];
}

export interface EffectiveAccess {
  permissions: Set<string>;
  roles: string[];
  groups: string[];
}

/**
 * The authorization configuration in memory, and the rules computed over it. Pure: the services load it from the
 * database (inside their transaction) and ask it questions.
 */
export class AuthzModel {
  readonly permissions: ReadonlyMap<string, PermissionRec>;
  readonly roles: ReadonlyMap<string, RoleRec>;
  readonly groups: ReadonlyMap<string, GroupRec>;

  /** Managers (user ids) of each group that has any. */
  readonly managers: ReadonlyMap<string, readonly string[]>;

  constructor(
    permissions: PermissionRec[],
    roles: RoleRec[],
    groups: GroupRec[],
    managers: readonly { groupId: string; userId: string }[] = [],
  ) {
    this.permissions = new Map(permissions.map((p) => [p.id, p]));
    this.roles = new Map(roles.map((r) => [r.id, r]));
    this.groups = new Map(groups.map((g) => [g.id, g]));
    const byGroup = new Map<string, string[]>();
    for (const { groupId, userId } of managers) byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), userId]);
    this.managers = byGroup;
  }

  /** The groups a user manages, by name. */
  managedBy(userId: string): GroupRec[] {
    return [...this.managers.entries()]
      .filter(([, users]) => users.includes(userId))
      .map(([groupId]) => this.groups.get(groupId))
      .filter((g): g is GroupRec => g !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The groups whose members a manager of `groupId` approves for: the group and every group below it, each with the
   * chain of names from `groupId` down to it.
   */
  below(groupId: string): { group: GroupRec; via: string[] }[] {
    const out: { group: GroupRec; via: string[] }[] = [];
    for (const group of this.groups.values()) {
      const chain = this.chain(group.id);
      const at = chain.findIndex((g) => g.id === groupId);
      if (at >= 0)
        out.push({
          group,
          via: chain
            .slice(0, at + 1)
            .map((g) => g.name)
            .reverse(),
        });
    }
    return out;
  }

  /**
   * Who approves a user's timesheets: the managers of every group the user belongs to (directly or through nesting),
   * never the user; each with the groups through which they do.
   */
  approversOf(user: Pick<UserAssignments, 'id' | 'groupIds'>): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const { group } of this.memberships(user)) {
      for (const managerId of this.managers.get(group.id) ?? []) {
        if (managerId === user.id) continue;
        out.set(managerId, [...(out.get(managerId) ?? []), group.name]);
      }
    }
    return out;
  }

  rolePermissionNames(role: RoleRec): string[] {
    return role.permissionIds
      .map((id) => this.permissions.get(id)?.name)
      .filter((n): n is string => n !== undefined)
      .sort();
  }

  /** The group and its ancestors, innermost first. Stops at a repeated group, so a corrupt cycle cannot loop. */
  chain(groupId: string): GroupRec[] {
    const out: GroupRec[] = [];
    const seen = new Set<string>();
    let current = this.groups.get(groupId);
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      out.push(current);
      current = current.parentId ? this.groups.get(current.parentId) : undefined;
    }
    return out;
  }

  /** True when making `parentId` the parent of `groupId` would close a loop (including a group as its own parent). */
  wouldCycle(groupId: string, parentId: string | null): boolean {
    if (parentId === null) return false;
    return this.chain(parentId).some((g) => g.id === groupId);
  }

  /** Every group the user belongs to (directly, or as a member of a descendant), each with its shortest chain. */
  memberships(user: Pick<UserAssignments, 'groupIds'>): GroupMembership[] {
    const byId = new Map<string, GroupMembership>();
    for (const direct of [...user.groupIds].sort((a, b) => this.nameOf(a).localeCompare(this.nameOf(b)))) {
      const chain = this.chain(direct);
      chain.forEach((group, i) => {
        const names = chain.slice(0, i + 1).map((g) => g.name);
        const known = byId.get(group.id);
        if (!known || known.chain.length > names.length) byId.set(group.id, { group, chain: names });
      });
    }
    return [...byId.values()].sort((a, b) => a.group.name.localeCompare(b.group.name));
  }

  /** Each effective permission with every way it reaches the user; nothing while the user is blocked. */
  explain(user: UserAssignments): EffectivePermission[] {
    if (user.blocked) return [];
    const sources = new Map<string, PermissionSource[]>();
    const add = (role: RoleRec, via: string[]) => {
      for (const permission of this.rolePermissionNames(role)) {
        const list = sources.get(permission) ?? [];
        if (!list.some((s) => s.role === role.name && sameChain(s.via, via))) list.push({ role: role.name, via });
        sources.set(permission, list);
      }
    };
    for (const roleId of user.roleIds) {
      const role = this.roles.get(roleId);
      if (role) add(role, []);
    }
    for (const groupId of user.groupIds) {
      const chain = this.chain(groupId);
      chain.forEach((group, i) => {
        const via = chain.slice(0, i + 1).map((g) => g.name);
        for (const roleId of group.roleIds) {
          const role = this.roles.get(roleId);
          if (role) add(role, via);
        }
      });
    }
    return [...sources.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([permission, list]) => ({ permission, sources: list.sort(compareSources) }));
  }

  /** Effective permissions, role names and group names (direct and inherited); all empty while blocked. */
  access(user: UserAssignments): EffectiveAccess {
    if (user.blocked) return { permissions: new Set(), roles: [], groups: [] };
    const roleIds = new Set(user.roleIds);
    const groups = this.memberships(user);
    for (const m of groups) m.group.roleIds.forEach((r) => roleIds.add(r));
    const roles = [...roleIds].map((id) => this.roles.get(id)).filter((r): r is RoleRec => r !== undefined);
    return {
      permissions: new Set(roles.flatMap((r) => this.rolePermissionNames(r))),
      roles: roles.map((r) => r.name).sort(),
      groups: groups.map((m) => m.group.name),
    };
  }

  private nameOf(groupId: string): string {
    return this.groups.get(groupId)?.name ?? '';
  }
}

function sameChain(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function compareSources(a: PermissionSource, b: PermissionSource): number {
  return a.via.length - b.via.length || a.role.localeCompare(b.role) || a.via.join('/').localeCompare(b.via.join('/'));
}
