import { Injectable, NotFoundException } from '@nestjs/common';
import { type EntityManager, type EntityTarget, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { GroupDto, PermissionDto, RoleDto, UserSummaryDto } from '@timesheets/contracts';
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
import { AuthzModel, type GroupRec, type RoleRec, type UserAssignments } from '../model/authz-model';
import { type AccessSnapshot, adminCarriers } from '../model/access-change';

function groupBy<T>(rows: T[], key: (r: T) => string, value: (r: T) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(value(r));
    out.set(key(r), list);
  }
  return out;
}

/** Loads the configuration into an AuthzModel and maps records to the contract's DTOs. Always given the manager. */
@Injectable()
export class AuthzStore {
  async model(m: EntityManager): Promise<AuthzModel> {
    // One query at a time: inside a transaction they share one connection.
    const permissions = await m.find(PermissionEntity);
    const roles = await m.find(RoleEntity);
    const rolePermissions = await m.find(RolePermissionEntity);
    const groups = await m.find(GroupEntity);
    const groupRoles = await m.find(GroupRoleEntity);
    const managers = await m.find(GroupManagerEntity);
    const permsByRole = groupBy(
      rolePermissions,
      (r) => r.roleId,
      (r) => r.permissionId,
    );
    const rolesByGroup = groupBy(
      groupRoles,
      (r) => r.groupId,
      (r) => r.roleId,
    );
    return new AuthzModel(
      permissions.map((p) => ({ id: p.id, name: p.name, description: p.description })),
      roles.map((r): RoleRec => ({ ...pick(r), permissionIds: permsByRole.get(r.id) ?? [] })),
      groups.map((g): GroupRec => ({ ...pick(g), parentId: g.parentId, roleIds: rolesByGroup.get(g.id) ?? [] })),
      managers,
    );
  }

  /** Assignments of every user (member lists and the export need them all). */
  async allAssignments(m: EntityManager): Promise<{ user: UserEntity; assignments: UserAssignments }[]> {
    const users = await m.find(UserEntity, { order: { email: 'ASC', id: 'ASC' } });
    const userRoles = await m.find(UserRoleEntity);
    const userGroups = await m.find(UserGroupEntity);
    const roles = groupBy(
      userRoles,
      (r) => r.userId,
      (r) => r.roleId,
    );
    const groups = groupBy(
      userGroups,
      (r) => r.userId,
      (r) => r.groupId,
    );
    return users.map((user) => ({
      user,
      assignments: {
        id: user.id,
        blocked: user.blocked,
        roleIds: roles.get(user.id) ?? [],
        groupIds: groups.get(user.id) ?? [],
      },
    }));
  }

  /**
   * The configuration and users' assignments, for the rules that compare access before and after a change: every
   * user (no escalation), or only the users who could hold every admin permission (lockout; see `adminCarriers`),
   * which are a few however many users there are. Raw rows of only the columns the rules read: this runs twice per
   * change, and entity hydration would be most of its cost. `model` saves loading the configuration again.
   */
  async accessSnapshot(
    m: EntityManager,
    of: 'everyone' | 'admin-candidates',
    model?: AuthzModel,
  ): Promise<AccessSnapshot> {
    const config = model ?? (await this.model(m));
    let ids: string[] | null = null;
    if (of === 'admin-candidates') {
      ids = await this.adminCandidates(m, config);
      // Past a few hundred candidates, one scan of everyone beats long IN lists (and stays under parameter limits).
      if (ids.length > AuthzStore.CANDIDATES_MAX) ids = null;
      else if (ids.length === 0) return { model: config, users: [] };
    }
    const userRows = await this.within(
      m.createQueryBuilder(UserEntity, 'u').select('u.id', 'id').addSelect('u.blocked', 'blocked'),
      'u.id',
      ids,
    ).getRawMany<{ id: string; blocked: boolean | number }>();
    const pairs = (entity: typeof UserRoleEntity | typeof UserGroupEntity, column: 'roleId' | 'groupId') =>
      this.within(
        m.createQueryBuilder(entity, 'a').select('a.userId', 'userId').addSelect(`a.${column}`, 'id'),
        'a.userId',
        ids,
      ).getRawMany<{ userId: string; id: string }>();
    const roles = groupBy(
      await pairs(UserRoleEntity, 'roleId'),
      (r) => r.userId,
      (r) => r.id,
    );
    const groups = groupBy(
      await pairs(UserGroupEntity, 'groupId'),
      (r) => r.userId,
      (r) => r.id,
    );
    return {
      model: config,
      users: userRows.map((u) => ({
        id: u.id,
        // SQLite answers booleans as 0/1.
        blocked: u.blocked === true || u.blocked === 1,
        roleIds: roles.get(u.id) ?? [],
        groupIds: groups.get(u.id) ?? [],
      })),
    };
  }

  private static readonly CANDIDATES_MAX = 500;

  /** Users assigned a role carrying some admin permission, directly or through a group (or an ancestor of one). */
  private async adminCandidates(m: EntityManager, model: AuthzModel): Promise<string[]> {
    const { roleIds, groupIds } = adminCarriers(model);
    if (roleIds.length === 0) return [];
    const direct = await m.find(UserRoleEntity, { select: { userId: true }, where: { roleId: In(roleIds) } });
    const viaGroups =
      groupIds.length > 0
        ? await m.find(UserGroupEntity, { select: { userId: true }, where: { groupId: In(groupIds) } })
        : [];
    return [...new Set([...direct, ...viaGroups].map((a) => a.userId))];
  }

  private within<Q extends SelectQueryBuilder<ObjectLiteral>>(qb: Q, column: string, ids: string[] | null): Q {
    return ids === null ? qb : (qb.where(`${column} IN (:...ids)`, { ids }) as Q);
  }

  async assignments(m: EntityManager, user: UserEntity): Promise<UserAssignments> {
    const roles = await m.find(UserRoleEntity, { where: { userId: user.id } });
    const groups = await m.find(UserGroupEntity, { where: { userId: user.id } });
    return {
      id: user.id,
      blocked: user.blocked,
      roleIds: roles.map((r) => r.roleId),
      groupIds: groups.map((g) => g.groupId),
    };
  }

  /** The row with this id, or 404 naming what was not found. */
  async found<T extends ObjectLiteral>(
    m: EntityManager,
    entity: EntityTarget<T>,
    id: string,
    what: string,
  ): Promise<T> {
    const row = await m.findOne(entity, { where: { id } as never });
    if (!row) throw new NotFoundException(`${what} not found`);
    return row;
  }

  permissionDto(p: PermissionEntity): PermissionDto {
    return { id: p.id, name: p.name, description: p.description };
  }

  roleDto(model: AuthzModel, roleId: string): RoleDto {
    const role = model.roles.get(roleId);
    if (!role) throw new NotFoundException('Role not found');
    return {
      id: role.id,
      name: role.name,
      description: role.description,
      permissions: model.rolePermissionNames(role),
    };
  }

  groupDto(g: Pick<GroupRec, 'id' | 'name' | 'description' | 'parentId'>): GroupDto {
    return { id: g.id, name: g.name, description: g.description, parentId: g.parentId };
  }

  userSummary(u: UserEntity): UserSummaryDto {
    return {
      id: u.id,
      issuer: u.issuer,
      subject: u.subject,
      email: u.email,
      name: u.name,
      blocked: u.blocked,
      lastLoginAt: u.lastLoginAt,
    };
  }
}

function pick(r: { id: string; name: string; description: string }) {
  return { id: r.id, name: r.name, description: r.description };
}
