import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { ConfigurationExport } from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import {
  GroupEntity,
  GroupManagerEntity,
  GroupRoleEntity,
  PermissionEntity,
  RoleEntity,
  RolePermissionEntity,
  UserEntity,
  UserGroupEntity,
  UserRoleEntity,
} from '../entities';
import { AuthzChanges } from './authz-changes';
import { AuthzStore } from './authz.store';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
const sorted = (xs: Iterable<string>) => [...xs].sort();

/** Problems with an import file that the DTO's shape checks cannot see: duplicates, dangling names, cycles. */
export function importProblems(file: ConfigurationExport): string[] {
  const problems: string[] = [];
  const names = (kind: string, list: { name: string }[]) => {
    const seen = new Set<string>();
    for (const { name } of list) {
      if (seen.has(name)) problems.push(`${kind} "${name}" appears more than once`);
      seen.add(name);
    }
    return seen;
  };
  const permissions = names('permission', file.permissions);
  const roles = names('role', file.roles);
  const groups = names('group', file.groups);
  const emails = new Set<string>();
  for (const u of file.users) {
    const email = u.email.toLowerCase();
    if (emails.has(email)) problems.push(`user "${email}" appears more than once`);
    emails.add(email);
  }
  const check = (where: string, refs: string[], known: Set<string>, kind: string) =>
    refs
      .filter((r) => !known.has(kind === 'user' ? r.toLowerCase() : r))
      .forEach((r) => problems.push(`${where}: unknown ${kind} "${r}"`));
  for (const r of file.roles) check(`role "${r.name}"`, r.permissions, permissions, 'permission');
  const parents = new Map<string, string | null>();
  for (const g of file.groups) {
    if (g.parent !== null) check(`group "${g.name}"`, [g.parent], groups, 'group');
    check(`group "${g.name}"`, g.roles, roles, 'role');
    check(`group "${g.name}"`, g.members, emails, 'user');
    check(`group "${g.name}"`, g.managers ?? [], emails, 'user');
    parents.set(g.name, g.parent);
  }
  for (const u of file.users) {
    check(`user "${u.email}"`, u.roles, roles, 'role');
    check(`user "${u.email}"`, u.groups, groups, 'group');
  }
  for (const start of parents.keys()) {
    const seen = new Set<string>();
    for (let g: string | null | undefined = start; g; g = parents.get(g)) {
      if (seen.has(g)) {
        problems.push(`group "${start}" is part of a parent cycle`);
        break;
      }
      seen.add(g);
    }
  }
  return problems;
}

/** Export and import of the whole configuration, keyed by names and emails (ids differ between installations). */
@Injectable()
export class ConfigurationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuthzStore,
    private readonly changes: AuthzChanges,
  ) {}

  export(): Promise<ConfigurationExport> {
    return this.exportWith(this.db.manager);
  }

  /**
   * Replaces permissions, roles and groups with the file's (matched by name, so unchanged ones keep their ids) and
   * sets the direct assignments of every user the file lists (created pre-provisioned when unknown). Users the file
   * does not list keep their records and assignments to what still exists. All or nothing; checked by the lockout rule.
   */
  async import(actor: Principal, file: ConfigurationExport): Promise<ConfigurationExport> {
    const problems = importProblems(file);
    if (problems.length > 0) throw new BadRequestException(problems);
    return this.changes.run(actor, async ({ m, audit }) => {
      const before = await this.exportWith(m);
      const permissionIds = await this.upsert(m, PermissionEntity, file.permissions);
      const roleIds = await this.upsert(m, RoleEntity, file.roles);
      const groupIds = await this.upsert(m, GroupEntity, file.groups);
      await m.delete(RolePermissionEntity, { roleId: In([...roleIds.values()]) });
      for (const r of file.roles) {
        const rows = r.permissions.map((p) => ({
          roleId: roleIds.get(r.name) as string,
          permissionId: permissionIds.get(p) as string,
        }));
        if (rows.length > 0) await m.insert(RolePermissionEntity, rows);
      }
      await m.delete(GroupRoleEntity, { groupId: In([...groupIds.values()]) });
      for (const g of file.groups) {
        const id = groupIds.get(g.name) as string;
        await m.update(
          GroupEntity,
          { id },
          { parentId: g.parent === null ? null : (groupIds.get(g.parent) as string) },
        );
        const rows = g.roles.map((r) => ({ groupId: id, roleId: roleIds.get(r) as string }));
        if (rows.length > 0) await m.insert(GroupRoleEntity, rows);
      }
      await this.removeOthers(m, permissionIds, roleIds, groupIds);
      for (const u of file.users) {
        const email = u.email.toLowerCase();
        let user = await m.findOne(UserEntity, { where: { email } });
        if (!user) {
          user = {
            id: randomUUID(),
            issuer: null,
            subject: null,
            email,
            name: u.name,
            blocked: u.blocked,
            lastLoginAt: null,
            createdAt: new Date().toISOString(),
          };
          await m.insert(UserEntity, user);
        } else {
          await m.update(UserEntity, { id: user.id }, { name: u.name, blocked: u.blocked });
        }
        const userId = user.id;
        await m.delete(UserRoleEntity, { userId });
        await m.delete(UserGroupEntity, { userId });
        const memberOf = new Set([
          ...u.groups,
          ...file.groups.filter((g) => g.members.some((e) => e.toLowerCase() === email)).map((g) => g.name),
        ]);
        const roleRows = [...new Set(u.roles)].map((r) => ({ userId, roleId: roleIds.get(r) as string }));
        const groupRows = [...memberOf].map((g) => ({ userId, groupId: groupIds.get(g) as string }));
        if (roleRows.length > 0) await m.insert(UserRoleEntity, roleRows);
        if (groupRows.length > 0) await m.insert(UserGroupEntity, groupRows);
      }
      for (const g of file.groups) {
        if (g.managers === undefined) continue;
        const groupId = groupIds.get(g.name) as string;
        await m.delete(GroupManagerEntity, { groupId });
        const emails = [...new Set(g.managers.map((e) => e.toLowerCase()))];
        const users = emails.length > 0 ? await m.find(UserEntity, { where: { email: In(emails) } }) : [];
        if (users.length > 0)
          await m.insert(
            GroupManagerEntity,
            users.map((u) => ({ groupId, userId: u.id })),
          );
      }
      const after = await this.exportWith(m);
      audit({ action: 'config.import', targetType: 'configuration', targetId: null, before, after });
      return after;
    });
  }

  /** Inserts the named rows that are missing and updates the descriptions of the others; returns name → id. */
  private async upsert(
    m: EntityManager,
    entity: typeof PermissionEntity | typeof RoleEntity | typeof GroupEntity,
    wanted: { name: string; description: string }[],
  ): Promise<Map<string, string>> {
    const existing = new Map((await m.find(entity)).map((r) => [r.name, r.id]));
    const ids = new Map<string, string>();
    for (const w of wanted) {
      const id = existing.get(w.name);
      if (id) {
        await m.update(entity, { id }, { description: w.description });
        ids.set(w.name, id);
      } else {
        const fresh = randomUUID();
        await m.insert(entity, { id: fresh, name: w.name, description: w.description });
        ids.set(w.name, fresh);
      }
    }
    return ids;
  }

  private async removeOthers(
    m: EntityManager,
    permissionIds: Map<string, string>,
    roleIds: Map<string, string>,
    groupIds: Map<string, string>,
  ): Promise<void> {
    const extra = async (
      entity: typeof PermissionEntity | typeof RoleEntity | typeof GroupEntity,
      keep: Map<string, string>,
    ) => (await m.find(entity)).map((r) => r.id).filter((id) => ![...keep.values()].includes(id));
    const groups = await extra(GroupEntity, groupIds);
    if (groups.length > 0) {
      await m.update(GroupEntity, { parentId: In(groups) }, { parentId: null });
      await m.delete(GroupRoleEntity, { groupId: In(groups) });
      await m.delete(UserGroupEntity, { groupId: In(groups) });
      await m.delete(GroupManagerEntity, { groupId: In(groups) });
      await m.delete(GroupEntity, { id: In(groups) });
    }
    const roles = await extra(RoleEntity, roleIds);
    if (roles.length > 0) {
      await m.delete(RolePermissionEntity, { roleId: In(roles) });
      await m.delete(GroupRoleEntity, { roleId: In(roles) });
      await m.delete(UserRoleEntity, { roleId: In(roles) });
      await m.delete(RoleEntity, { id: In(roles) });
    }
    const permissions = await extra(PermissionEntity, permissionIds);
    if (permissions.length > 0) {
      await m.delete(RolePermissionEntity, { permissionId: In(permissions) });
      await m.delete(PermissionEntity, { id: In(permissions) });
    }
  }

  private async exportWith(m: EntityManager): Promise<ConfigurationExport> {
    const model = await this.store.model(m);
    const users = (await this.store.allAssignments(m)).filter((u) => u.user.email !== null);
    const groupName = (id: string | null) => (id === null ? null : (model.groups.get(id)?.name ?? null));
    const roleName = (id: string) => model.roles.get(id)?.name;
    const defined = (xs: (string | null | undefined)[]) => xs.filter((x): x is string => typeof x === 'string');
    return {
      version: 1,
      permissions: [...model.permissions.values()]
        .sort(byName)
        .map((p) => ({ name: p.name, description: p.description })),
      roles: [...model.roles.values()]
        .sort(byName)
        .map((r) => ({ name: r.name, description: r.description, permissions: model.rolePermissionNames(r) })),
      groups: [...model.groups.values()].sort(byName).map((g) => ({
        name: g.name,
        description: g.description,
        parent: groupName(g.parentId),
        roles: sorted(defined(g.roleIds.map(roleName))),
        members: sorted(users.filter((u) => u.assignments.groupIds.includes(g.id)).map((u) => u.user.email as string)),
        managers: sorted(
          users.filter((u) => (model.managers.get(g.id) ?? []).includes(u.user.id)).map((u) => u.user.email as string),
        ),
      })),
      users: users
        .sort((a, b) => (a.user.email as string).localeCompare(b.user.email as string))
        .map(({ user, assignments }) => ({
          email: user.email as string,
          name: user.name,
          blocked: user.blocked,
          roles: sorted(defined(assignments.roleIds.map(roleName))),
          groups: sorted(defined(assignments.groupIds.map(groupName))),
        })),
    };
  }
}
