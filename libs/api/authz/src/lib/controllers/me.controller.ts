import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MeResponse } from '@timesheets/contracts';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { AuthzScopesResolver } from '../services/authz-scopes.resolver';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly resolver: AuthzScopesResolver) {}

  /**
   * The caller as the API sees them now: roles and groups (direct and inherited) and this request's scopes. Email and
   * name come from the token, or from the user record when the access token does not carry them.
   */
  @Get()
  @RequireScopes()
  async me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    // A machine client is nobody's account: no roles, no groups.
    const current = principal.kind === 'user' ? await this.resolver.access(principal) : null;
    return {
      subject: principal.subject,
      issuer: principal.issuer,
      email: principal.email ?? current?.email ?? null,
      name: principal.name ?? current?.name ?? null,
      scopes: [...principal.scopes].sort(),
      roles: current?.access.roles ?? [],
      groups: current?.access.groups ?? [],
    };
  }
}
