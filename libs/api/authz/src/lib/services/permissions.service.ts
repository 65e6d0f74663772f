import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CreatePermissionRequest, PermissionDto, UpdatePermissionRequest } from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import { PermissionEntity, RolePermissionEntity } from '../entities';
import { AuthzChanges } from './authz-changes';
import { AuthzStore } from './authz.store';

@Injectable()
export class PermissionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuthzStore,
    private readonly changes: AuthzChanges,
  ) {}

  async list(): Promise<PermissionDto[]> {
    const rows = await this.db.manager.find(PermissionEntity, { order: { name: 'ASC' } });
    return rows.map((p) => this.store.permissionDto(p));
  }

  async get(id: string): Promise<PermissionDto> {
    return this.store.permissionDto(await this.store.found(this.db.manager, PermissionEntity, id, 'Permission'));
  }

  create(actor: Principal, dto: CreatePermissionRequest): Promise<PermissionDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      if (await m.exists(PermissionEntity, { where: { name: dto.name } }))
        throw new ConflictException(`A permission named "${dto.name}" already exists`);
      const row: PermissionEntity = { id: randomUUID(), name: dto.name, description: dto.description ?? '' };
      await m.insert(PermissionEntity, row);
      const after = this.store.permissionDto(row);
      audit({ action: 'permission.create', targetType: 'permission', targetId: row.id, after });
      return after;
    });
  }

  update(actor: Principal, id: string, dto: UpdatePermissionRequest): Promise<PermissionDto> {
    return this.changes.run(actor, async ({ m, audit }) => {
      const row = await this.store.found(m, PermissionEntity, id, 'Permission');
      const before = this.store.permissionDto(row);
      if (dto.name !== undefined && dto.name !== row.name) {
        if (await m.exists(PermissionEntity, { where: { name: dto.name } }))
          throw new ConflictException(`A permission named "${dto.name}" already exists`);
        row.name = dto.name;
      }
      if (dto.description !== undefined) row.description = dto.description;
      await m.update(PermissionEntity, { id }, { name: row.name, description: row.description });
      const after = this.store.permissionDto(row);
      if (JSON.stringify(before) !== JSON.stringify(after))
        audit({ action: 'permission.update', targetType: 'permission', targetId: id, before, after });
      return after;
    });
  }

  async remove(actor: Principal, id: string, cascade: boolean): Promise<void> {
    await this.changes.run(actor, async ({ m, audit }) => {
      const row = await this.store.found(m, PermissionEntity, id, 'Permission');
      const uses = await m.find(RolePermissionEntity, { where: { permissionId: id } });
      if (uses.length > 0 && !cascade)
        throw new ConflictException(
          `The permission is used by ${uses.length} role(s); remove it from them first or delete with cascade=true`,
        );
      const model = await this.store.model(m);
      const roles = uses.map((u) => model.roles.get(u.roleId)?.name).filter(Boolean);
      await m.delete(RolePermissionEntity, { permissionId: id });
      await m.delete(PermissionEntity, { id });
      audit({
        action: 'permission.delete',
        targetType: 'permission',
        targetId: id,
        before: { ...this.store.permissionDto(row), roles },
      });
    });
  }
}
