import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import type { GroupDto, PermissionDto, RoleDto, UserSummaryDto } from '@timesheets/contracts';
import {
  GroupEntity,
  GroupRoleEntity,
  PermissionEntity,
  RoleEntity,
  RolePermissionEntity,
  UserEntity,
  UserGroupEntity,
  UserRoleEntity,
} from '../entities';
import { AuthzModel, type GroupRec, type RoleRec, type UserAssignments } from '../model/authz-model';
import type { AccessSnapshot } from '../model/access-change';

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
    );
  }

  /** Assignments of every user (member lists and the export need them all). */
  async allAssignments(m: EntityManager): Promise<{ user: UserEntity; assignments: UserAssignments }[]> {
    const users = await m.find(UserEntity, { order: { email: 'ASC', id: 'ASC' } });
    const assignments = await this.assignmentsOf(m, users);
    return users.map((user, i) => ({ user, assignments: assignments[i] }));
  }

  /**
   * The configuration and every user's assignments, for the rules that compare access before and after a change
   * (lockout, no escalation). Only the user columns those rules read are loaded.
   */
  async accessSnapshot(m: EntityManager): Promise<AccessSnapshot> {
    const model = await this.model(m);
    const users = await m.find(UserEntity, { select: { id: true, blocked: true } });
    return { model, users: await this.assignmentsOf(m, users) };
  }

  private async assignmentsOf(
    m: EntityManager,
    users: Pick<UserEntity, 'id' | 'blocked'>[],
  ): Promise<UserAssignments[]> {
    const roles = groupBy(
      await m.find(UserRoleEntity),
      (r) => r.userId,
      (r) => r.roleId,
    );
    const groups = groupBy(
      await m.find(UserGroupEntity),
      (r) => r.userId,
      (r) => r.groupId,
    );
    return users.map((user) => ({
      id: user.id,
      blocked: user.blocked,
      roleIds: roles.get(user.id) ?? [],
      groupIds: groups.get(user.id) ?? [],
    }));
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
