import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { POLICY_API_KEY_HEADER, type PolicyResponse } from '@timesheets/contracts';
import { Public } from '@timesheets/api-auth';
import { PolicyRequestDto } from '../dto/policy.dto';
import { PolicyKeyGuard } from '../policy-key.guard';
import { PolicyService } from '../services/policy.service';

/** Asked by the OpenID Provider (or an external provider's login hook) at token issuance. API key, no token. */
@ApiTags('authz')
@Controller('authz')
export class PolicyController {
  constructor(private readonly policy: PolicyService) {}

  @Post('policy')
  @Public()
  @UseGuards(PolicyKeyGuard)
  @HttpCode(200)
  @ApiHeader({ name: POLICY_API_KEY_HEADER, required: true })
  evaluate(@Body() request: PolicyRequestDto): Promise<PolicyResponse> {
    return this.policy.evaluate(request);
  }
}
