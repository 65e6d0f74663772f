import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type GroupDetailDto, type GroupDto, Scopes } from '@timesheets/contracts';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { CreateGroupDto, UpdateGroupDto } from '../dto/group.dto';
import { GroupsService } from '../services/groups.service';

@ApiTags('admin: groups')
@Controller('admin/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @RequireScopes(Scopes.ReadGroups)
  list(): Promise<GroupDto[]> {
    return this.groups.list();
  }

  @Post()
  @RequireScopes(Scopes.CreateGroups)
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreateGroupDto): Promise<GroupDto> {
    return this.groups.create(actor, dto);
  }

  @Get(':id')
  @RequireScopes(Scopes.ReadGroups)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<GroupDetailDto> {
    return this.groups.get(id);
  }

  @Patch(':id')
  @RequireScopes(Scopes.UpdateGroups)
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateGroupDto,
  ): Promise<GroupDto> {
    return this.groups.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes(Scopes.DeleteGroups)
  remove(@CurrentPrincipal() actor: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.groups.remove(actor, id);
  }

  @Put(':id/members/:userId')
  @RequireScopes(Scopes.UpdateGroups)
  addMember(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<GroupDetailDto> {
    return this.groups.setMember(actor, id, userId, true);
  }

  @Delete(':id/members/:userId')
  @RequireScopes(Scopes.UpdateGroups)
  removeMember(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<GroupDetailDto> {
    return this.groups.setMember(actor, id, userId, false);
  }

  @Put(':id/managers/:userId')
  @RequireScopes(Scopes.UpdateGroups)
  @ApiOperation({ summary: "Make a user a manager of the group: they approve its members' timesheets" })
  addManager(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<GroupDetailDto> {
    return this.groups.setManager(actor, id, userId, true);
  }

  @Delete(':id/managers/:userId')
  @RequireScopes(Scopes.UpdateGroups)
  removeManager(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<GroupDetailDto> {
    return this.groups.setManager(actor, id, userId, false);
  }

  @Put(':id/roles/:roleId')
  @RequireScopes(Scopes.UpdateGroups)
  addRole(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('roleId', ParseUUIDPipe) roleId: string,
  ): Promise<GroupDetailDto> {
    return this.groups.setRole(actor, id, roleId, true);
  }

  @Delete(':id/roles/:roleId')
  @RequireScopes(Scopes.UpdateGroups)
  removeRole(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('roleId', ParseUUIDPipe) roleId: string,
  ): Promise<GroupDetailDto> {
    return this.groups.setRole(actor, id, roleId, false);
  }
}
