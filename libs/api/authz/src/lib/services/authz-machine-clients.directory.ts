import { Injectable } from '@nestjs/common';
import { MachineClientDirectory, type MachineClientSettings, type Principal } from '@timesheets/api-core';
import { AuthzScopesResolver } from './authz-scopes.resolver';

/** The registry's settings of a machine client, from the same cache as its scopes (fresh within about a second). */
@Injectable()
export class AuthzMachineClientDirectory extends MachineClientDirectory {
  constructor(private readonly resolver: AuthzScopesResolver) {
    super();
  }

  async settingsOf(principal: Principal): Promise<MachineClientSettings | null> {
    if (principal.kind !== 'client') return null;
    const grant = await this.resolver.clientGrant(principal.clientId ?? principal.subject);
    if (!grant || grant.revoked) return null;
    return { name: grant.name, importStatus: grant.importStatus };
  }
}
