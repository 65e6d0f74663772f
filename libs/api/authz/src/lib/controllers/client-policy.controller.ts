import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { POLICY_API_KEY_HEADER, type ClientPolicyResponse } from '@timesheets/contracts';
import { Public } from '@timesheets/api-auth';
import { ClientPolicyRequestDto, ClientPolicyResponseDto } from '../dto/machine-client.dto';
import { PolicyKeyGuard } from '../policy-key.guard';
import { MachineClientsService } from '../services/machine-clients.service';

/**
 * Asked by the OpenID Provider at every client-credentials token request: does this client authenticate, and what
 * may it be granted? The same API key as the policy endpoint; the secret is compared with stored hashes only.
 */
@ApiTags('authz')
@Controller('authz')
export class ClientPolicyController {
  constructor(private readonly clients: MachineClientsService) {}

  @Post('client-policy')
  @Public()
  @UseGuards(PolicyKeyGuard)
  @HttpCode(200)
  @ApiHeader({ name: POLICY_API_KEY_HEADER, required: true })
  @ApiOkResponse({
    type: ClientPolicyResponseDto,
    description: '`active: false` for any client that may not get a token',
  })
  evaluate(@Body() request: ClientPolicyRequestDto): Promise<ClientPolicyResponse> {
    return this.clients.authenticate(request);
  }
}
