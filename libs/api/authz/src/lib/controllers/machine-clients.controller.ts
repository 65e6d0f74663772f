import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type IssuedClientSecretDto, type MachineClientDto, Scopes } from '@timesheets/contracts';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import {
  CreateMachineClientDto,
  IssuedClientSecretResponse,
  MachineClientResponse,
  RotateClientSecretDto,
  UpdateMachineClientDto,
} from '../dto/machine-client.dto';
import { MachineClientsService } from '../services/machine-clients.service';

/** Machine clients (client-credentials grant): registered, changed, given a new secret and revoked by admins. */
@ApiTags('admin: machine clients')
@Controller('admin/clients')
export class MachineClientsController {
  constructor(private readonly clients: MachineClientsService) {}

  @Get()
  @RequireScopes(Scopes.ManageClients)
  @ApiOkResponse({ type: [MachineClientResponse] })
  list(): Promise<MachineClientDto[]> {
    return this.clients.list();
  }

  @Post()
  @RequireScopes(Scopes.ManageClients)
  @ApiCreatedResponse({ type: IssuedClientSecretResponse, description: 'The secret is in this answer only' })
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreateMachineClientDto): Promise<IssuedClientSecretDto> {
    return this.clients.create(actor, dto);
  }

  @Get(':id')
  @RequireScopes(Scopes.ManageClients)
  @ApiOkResponse({ type: MachineClientResponse })
  get(@Param('id') id: string): Promise<MachineClientDto> {
    return this.clients.get(id);
  }

  @Patch(':id')
  @RequireScopes(Scopes.ManageClients)
  @ApiOkResponse({ type: MachineClientResponse })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() dto: UpdateMachineClientDto,
  ): Promise<MachineClientDto> {
    return this.clients.update(actor, id, dto);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @RequireScopes(Scopes.ManageClients)
  @ApiOkResponse({ type: IssuedClientSecretResponse, description: 'The new secret is in this answer only' })
  rotate(
    @CurrentPrincipal() actor: Principal,
    @Param('id') id: string,
    @Body() dto: RotateClientSecretDto,
  ): Promise<IssuedClientSecretDto> {
    return this.clients.rotate(actor, id, dto);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequireScopes(Scopes.ManageClients)
  @ApiOkResponse({ type: MachineClientResponse })
  revoke(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<MachineClientDto> {
    return this.clients.revoke(actor, id);
  }
}
