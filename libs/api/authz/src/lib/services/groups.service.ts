import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CreateGroupRequest,
  GroupDetailDto,
  GroupDto,
  GroupMemberDto,
  UpdateGroupRequest,
} from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import { GroupEntity, GroupManagerEntity, GroupRoleEntity, RoleEntity, UserEntity, UserGroupEntity } from '../entities';
import { AuthzChanges } from './authz-changes';
import { AuthzStore } from './authz.store';

export const CYCLE_MESSAGE = 'parentId would make the group its own ancestor';

@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuthzStore,
    private readonly changes: AuthzChanges,
  ) {}

  async list(): Promise<GroupDto[]> {
    const rows = await this.db.manager.find(GroupEntity, { order: { name: 'ASC' } });
    return rows.map((g) => this.store.groupDto(g));
  }

  async get(id: string): Promise<GroupDetailDto> {
    return this.detail(this.db.manager, id);
  }

  create(actor: Principal, dto: CreateGroupRequest): Promise<GroupDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      await this.uniqueName(m, dto.name);
      const parentId = dto.parentId ?? null;
      if (parentId !== null) await this.parent(m, parentId);
      const row: GroupEntity = { id: randomUUID(), name: dto.name, description: dto.description ?? '', parentId };
      await m.insert(GroupEntity, row);
      const after = this.store.groupDto(row);
      audit({ action: 'group.create', targetType: 'group', targetId: row.id, after });
      return after;
    });
  }

  update(actor: Principal, id: string, dto: UpdateGroupRequest): Promise<GroupDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      const row = await this.store.found(m, GroupEntity, id, 'Group');
      const before = this.store.groupDto(row);
      if (dto.name !== undefined && dto.name !== row.name) {
        await this.uniqueName(m, dto.name);
        row.name = dto.name;
      }
      if (dto.description !== undefined) row.description = dto.description;
      if (dto.parentId !== undefined && dto.parentId !== row.parentId) {
        if (dto.parentId !== null) await this.parent(m, dto.parentId);
        if ((await this.store.model(m)).wouldCycle(id, dto.parentId)) throw new BadRequestException([CYCLE_MESSAGE]);
        row.parentId = dto.parentId;
      }
      await m.update(GroupEntity, { id }, { name: row.name, description: row.description, parentId: row.parentId });
      const after = this.store.groupDto(row);
      if (JSON.stringify(before) !== JSON.stringify(after))
        audit({ action: 'group.update', targetType: 'group', targetId: id, before, after });
      return after;
    });
  }

  async remove(actor: Principal, id: string): Promise<void> {
    await this.changes.run(actor, async ({ m, audit }) => {
      const before = await this.detail(m, id);
      // Children move up to this group's parent, so their members keep the ancestors above it.
      await m.update(GroupEntity, { parentId: id }, { parentId: before.parentId });
      await m.delete(GroupRoleEntity, { groupId: id });
      await m.delete(UserGroupEntity, { groupId: id });
      await m.delete(GroupManagerEntity, { groupId: id });
      await m.delete(GroupEntity, { id });
      audit({
        action: 'group.delete',
        targetType: 'group',
        targetId: id,
        before: {
          ...this.store.groupDto(before),
          roles: before.roles.map((r) => r.name),
          children: before.children.map((c) => c.name),
          members: before.members.map((u) => u.id),
          managers: before.managers.map((u) => u.id),
        },
      });
    });
  }

  setMember(actor: Principal, id: string, userId: string, member: boolean): Promise<GroupDetailDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      await this.store.found(m, GroupEntity, id, 'Group');
      await this.store.found(m, UserEntity, userId, 'User');
      const exists = await m.exists(UserGroupEntity, { where: { groupId: id, userId } });
      if (member && !exists) await m.insert(UserGroupEntity, { groupId: id, userId });
      if (!member && exists) await m.delete(UserGroupEntity, { groupId: id, userId });
      if (member !== exists) {
        audit({
          action: member ? 'group.add_member' : 'group.remove_member',
          targetType: 'group',
          targetId: id,
          before: member ? null : { userId },
          after: member ? { userId } : null,
        });
      }
      return this.detail(m, id);
    });
  }

  /** A manager approves the timesheets of the group's members, through nesting too (never their own). */
  setManager(actor: Principal, id: string, userId: string, manager: boolean): Promise<GroupDetailDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      await this.store.found(m, GroupEntity, id, 'Group');
      const user = await this.store.found(m, UserEntity, userId, 'User');
      const exists = await m.exists(GroupManagerEntity, { where: { groupId: id, userId } });
      if (manager && !exists) await m.insert(GroupManagerEntity, { groupId: id, userId });
      if (!manager && exists) await m.delete(GroupManagerEntity, { groupId: id, userId });
      if (manager !== exists) {
        const change = { userId, email: user.email };
        audit({
          action: manager ? 'group.add_manager' : 'group.remove_manager',
          targetType: 'group',
          targetId: id,
          before: manager ? null : change,
          after: manager ? change : null,
        });
      }
      return this.detail(m, id);
    });
  }

  setRole(actor: Principal, id: string, roleId: string, assigned: boolean): Promise<GroupDetailDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      await this.store.found(m, GroupEntity, id, 'Group');
      const role = await this.store.found(m, RoleEntity, roleId, 'Role');
      const exists = await m.exists(GroupRoleEntity, { where: { groupId: id, roleId } });
      if (assigned && !exists) await m.insert(GroupRoleEntity, { groupId: id, roleId });
      if (!assigned && exists) await m.delete(GroupRoleEntity, { groupId: id, roleId });
      if (assigned !== exists) {
        const change = { roleId, role: role.name };
        audit({
          action: assigned ? 'group.add_role' : 'group.remove_role',
          targetType: 'group',
          targetId: id,
          before: assigned ? null : change,
          after: assigned ? change : null,
        });
      }
      return this.detail(m, id);
    });
  }

  private async detail(m: EntityManager, id: string): Promise<GroupDetailDto> {
    const model = await this.store.model(m);
    const group = model.groups.get(id);
    if (!group) throw new NotFoundException('Group not found');
    const members: GroupDetailDto['members'] = [];
    const allMembers: GroupMemberDto[] = [];
    const managers: GroupDetailDto['members'] = [];
    const managerIds = model.managers.get(id) ?? [];
    for (const { user, assignments } of await this.store.allAssignments(m)) {
      const summary = this.store.userSummary(user);
      if (managerIds.includes(user.id)) managers.push(summary);
      if (assignments.groupIds.includes(id)) members.push(summary);
      const membership = model.memberships(assignments).find((g) => g.group.id === id);
      // chain runs from the user's direct group up to this one: `via` is the child groups below this one.
      if (membership) allMembers.push({ user: summary, via: membership.chain.slice(0, -1) });
    }
    return {
      ...this.store.groupDto(group),
      roles: group.roleIds.map((r) => this.store.roleDto(model, r)).sort((a, b) => a.name.localeCompare(b.name)),
      children: [...model.groups.values()]
        .filter((g) => g.parentId === id)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((g) => this.store.groupDto(g)),
      members,
      allMembers,
      managers,
    };
  }

  private async uniqueName(m: EntityManager, name: string): Promise<void> {
    if (await m.exists(GroupEntity, { where: { name } }))
      throw new ConflictException(`A group named "${name}" already exists`);
  }

  private async parent(m: EntityManager, parentId: string): Promise<void> {
    if (!(await m.exists(GroupEntity, { where: { id: parentId } })))
      throw new BadRequestException(['parentId: no such group']);
  }
}
