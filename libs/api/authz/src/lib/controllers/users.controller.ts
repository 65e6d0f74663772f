import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type AccessPreviewDto,
  type Page,
  Scopes,
  type UserDetailDto,
  type UserSummaryDto,
} from '@timesheets/contracts';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { AccessPreviewRequestDto, AccessPreviewResponse, ListUsersQueryDto, ProvisionUserDto } from '../dto/user.dto';
import { UsersService } from '../services/users.service';

@ApiTags('admin: users')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequireScopes(Scopes.ReadUsers)
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserSummaryDto>> {
    return this.users.list(query);
  }

  @Post()
  @RequireScopes(Scopes.UpdateUsers)
  provision(@CurrentPrincipal() actor: Principal, @Body() dto: ProvisionUserDto): Promise<UserSummaryDto> {
    return this.users.provision(actor, dto);
  }

  @Get(':id')
  @RequireScopes(Scopes.ReadUsers)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserDetailDto> {
    return this.users.get(id);
  }

  @Post(':id/access-preview')
  @HttpCode(200)
  @RequireScopes(Scopes.UpdateUsers)
  @ApiOkResponse({
    type: AccessPreviewResponse,
    description:
      'The access these assignments would give, and whether applying them would be refused (lockout, escalation); nothing changes',
  })
  @ApiBadRequestResponse({ description: 'A role or group that does not exist' })
  previewAccess(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AccessPreviewRequestDto,
  ): Promise<AccessPreviewDto> {
    return this.users.previewAccess(actor, id, dto);
  }

  @Put(':id/roles/:roleId')
  @RequireScopes(Scopes.UpdateUsers)
  addRole(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('roleId', ParseUUIDPipe) roleId: string,
  ): Promise<UserDetailDto> {
    return this.users.setRole(actor, id, roleId, true);
  }

  @Delete(':id/roles/:roleId')
  @RequireScopes(Scopes.UpdateUsers)
  removeRole(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('roleId', ParseUUIDPipe) roleId: string,
  ): Promise<UserDetailDto> {
    return this.users.setRole(actor, id, roleId, false);
  }

  @Put(':id/groups/:groupId')
  @RequireScopes(Scopes.UpdateUsers)
  addGroup(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
  ): Promise<UserDetailDto> {
    return this.users.setGroup(actor, id, groupId, true);
  }

  @Delete(':id/groups/:groupId')
  @RequireScopes(Scopes.UpdateUsers)
  removeGroup(
    @CurrentPrincipal() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('groupId', ParseUUIDPipe) groupId: string,
  ): Promise<UserDetailDto> {
    return this.users.setGroup(actor, id, groupId, false);
  }

  @Post(':id/block')
  @HttpCode(200)
  @RequireScopes(Scopes.UpdateUsers)
  block(@CurrentPrincipal() actor: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<UserDetailDto> {
    return this.users.setBlocked(actor, id, true);
  }

  @Post(':id/unblock')
  @HttpCode(200)
  @RequireScopes(Scopes.UpdateUsers)
  unblock(@CurrentPrincipal() actor: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<UserDetailDto> {
    return this.users.setBlocked(actor, id, false);
  }
}
