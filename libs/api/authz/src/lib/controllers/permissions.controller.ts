import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type PermissionDto, Scopes } from '@timesheets/contracts';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { CreatePermissionDto, DeletePermissionQueryDto, UpdatePermissionDto } from '../dto/permission.dto';
import { PermissionsService } from '../services/permissions.service';

@ApiTags('admin: permissions')
@Controller('admin/permissions')
export class PermissionsController {
  constructor(private readonly permissions: PermissionsService) {}

  @Get()
  @RequireScopes(Scopes.ReadPermissions)
  list(): Promise<PermissionDto[]> {
    return this.permissions.list();
  }

  @Post()
  @RequireScopes(Scopes.CreatePermissions)
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreatePermissionDto): Promise<PermissionDto> {
    return this.permissions.create(actor, dto);
  }

  @Get(':id')
  @RequireScopes(Scopes.ReadPermissions)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PermissionDto> {
    return this.permissions.get(id);
  }

  @Patch(':id')
  @RequireScopes(Scopes.UpdatePermissions)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePermissionDto,
  ): Promise<PermissionDto> {
    return this.permissions.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes(Scopes.DeletePermissions)
  remove(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeletePermissionQueryDto,
  ): Promise<void> {
    return this.permissions.remove(actor, id, query.cascade === 'true');
  }
}
