import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type RoleDto, type RoleMembersDto, Scopes } from '@timesheets/contracts';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { CreateRoleDto, SetRolePermissionsDto, UpdateRoleDto } from '../dto/role.dto';
import { RolesService } from '../services/roles.service';

@ApiTags('admin: roles')
@Controller('admin/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @RequireScopes(Scopes.ReadRoles)
  list(): Promise<RoleDto[]> {
    return this.roles.list();
  }

  @Post()
  @RequireScopes(Scopes.CreateRoles)
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreateRoleDto): Promise<RoleDto> {
    return this.roles.create(actor, dto);
  }

  @Get(':id')
  @RequireScopes(Scopes.ReadRoles)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RoleDto> {
    return this.roles.get(id);
  }

  @Patch(':id')
  @RequireScopes(Scopes.UpdateRoles)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRoleDto,
  ): Promise<RoleDto> {
    return this.roles.update(actor, id, dto);
  }

  @Put(':id/permissions')
  @RequireScopes(Scopes.UpdateRoles)
  setPermissions(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: SetRolePermissionsDto,
  ): Promise<RoleDto> {
    return this.roles.setPermissions(actor, id, dto.permissions);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes(Scopes.DeleteRoles)
  remove(@CurrentPrincipal() actor: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.roles.remove(actor, id);
  }

  @Get(':id/members')
  @RequireScopes(Scopes.ReadRoles)
  members(@Param('id', ParseUUIDPipe) id: string): Promise<RoleMembersDto> {
    return this.roles.members(id);
  }
}
