import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreateRoleRequest, RoleDto, RoleMembersDto, UpdateRoleRequest } from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import { GroupRoleEntity, PermissionEntity, RoleEntity, RolePermissionEntity, UserRoleEntity } from '../entities';
import { AuthzChanges } from './authz-changes';
import { AuthzStore } from './authz.store';

@Injectable()
export class RolesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuthzStore,
    private readonly changes: AuthzChanges,
  ) {}

  async list(): Promise<RoleDto[]> {
    const model = await this.store.model(this.db.manager);
    return [...model.roles.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((r) => this.store.roleDto(model, r.id));
  }

  async get(id: string): Promise<RoleDto> {
    await this.store.found(this.db.manager, RoleEntity, id, 'Role');
    return this.store.roleDto(await this.store.model(this.db.manager), id);
  }

  async members(id: string): Promise<RoleMembersDto> {
    const m = this.db.manager;
    await this.store.found(m, RoleEntity, id, 'Role');
    const model = await this.store.model(m);
    const out: RoleMembersDto = { direct: [], viaGroups: [] };
    for (const { user, assignments } of await this.store.allAssignments(m)) {
      if (assignments.roleIds.includes(id)) out.direct.push(this.store.userSummary(user));
      const groups = model
        .memberships(assignments)
        .filter((g) => g.group.roleIds.includes(id))
        .map((g) => g.group.name);
      if (groups.length > 0) out.viaGroups.push({ user: this.store.userSummary(user), groups });
    }
    return out;
  }

  create(actor: Principal, dto: CreateRoleRequest): Promise<RoleDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      if (await m.exists(RoleEntity, { where: { name: dto.name } }))
        throw new ConflictException(`A role named "${dto.name}" already exists`);
      const id = randomUUID();
      await m.insert(RoleEntity, { id, name: dto.name, description: dto.description ?? '' });
      await this.writePermissions(m, id, dto.permissions ?? []);
      const after = this.store.roleDto(await this.store.model(m), id);
      audit({ action: 'role.create', targetType: 'role', targetId: id, after });
      return after;
    });
  }

  update(actor: Principal, id: string, dto: UpdateRoleRequest): Promise<RoleDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      const row = await this.store.found(m, RoleEntity, id, 'Role');
      const before = this.store.roleDto(await this.store.model(m), id);
      if (dto.name !== undefined && dto.name !== row.name) {
        if (await m.exists(RoleEntity, { where: { name: dto.name } }))
          throw new ConflictException(`A role named "${dto.name}" already exists`);
        row.name = dto.name;
      }
      if (dto.description !== undefined) row.description = dto.description;
      await m.update(RoleEntity, { id }, { name: row.name, description: row.description });
      const after = this.store.roleDto(await this.store.model(m), id);
      if (JSON.stringify(before) !== JSON.stringify(after))
        audit({ action: 'role.update', targetType: 'role', targetId: id, before, after });
      return after;
    });
  }

  setPermissions(actor: Principal, id: string, permissions: string[]): Promise<RoleDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      await this.store.found(m, RoleEntity, id, 'Role');
      const before = this.store.roleDto(await this.store.model(m), id);
      await m.delete(RolePermissionEntity, { roleId: id });
      await this.writePermissions(m, id, permissions);
      const after = this.store.roleDto(await this.store.model(m), id);
      if (JSON.stringify(before) !== JSON.stringify(after))
        audit({ action: 'role.set_permissions', targetType: 'role', targetId: id, before, after });
      return after;
    });
  }

  async remove(actor: Principal, id: string): Promise<void> {
    await this.changes.run(actor, async ({ m, audit }) => {
      await this.store.found(m, RoleEntity, id, 'Role');
      const before = this.store.roleDto(await this.store.model(m), id);
      // Its assignments go with it (explicitly, not only by ON DELETE CASCADE); the lockout rule checks the result.
      await m.delete(RolePermissionEntity, { roleId: id });
      await m.delete(GroupRoleEntity, { roleId: id });
      await m.delete(UserRoleEntity, { roleId: id });
      await m.delete(RoleEntity, { id });
      audit({ action: 'role.delete', targetType: 'role', targetId: id, before });
    });
  }

  private async writePermissions(m: EntityManager, roleId: string, names: string[]): Promise<void> {
    const wanted = [...new Set(names)];
    if (wanted.length === 0) return;
    const rows = await m.find(PermissionEntity);
    const byName = new Map(rows.map((p) => [p.name, p.id]));
    const unknown = wanted.filter((n) => !byName.has(n));
    if (unknown.length > 0) throw new BadRequestException([`unknown permissions: ${unknown.join(', ')}`]);
    await m.insert(
      RolePermissionEntity,
      wanted.map((n) => ({ roleId, permissionId: byName.get(n) as string })),
    );
  }
}
