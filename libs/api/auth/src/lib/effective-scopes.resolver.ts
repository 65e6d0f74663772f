import { Injectable } from '@nestjs/common';
import type { Principal } from '@timesheets/api-core';

/**
 * Decides which of a token's scopes a request may use. The default trusts the token; the authorization module
 * replaces it with one that intersects the token's scopes with the user's current effective permissions, so that a
 * role taken away stops working on the next request rather than at the next login.
 */
export abstract class EffectiveScopesResolver {
  abstract resolve(principal: Principal): Promise<ReadonlySet<string>>;

  /**
   * What the request may use and who the caller is: the granted scopes, and the email and name when the token does
   * not carry them (access tokens often don't) but the resolver knows them.
   */
  async resolveRequest(principal: Principal): Promise<Pick<Principal, 'scopes' | 'email' | 'name'>> {
    return { scopes: await this.resolve(principal), email: principal.email, name: principal.name };
  }
}

@Injectable()
export class TokenScopesResolver extends EffectiveScopesResolver {
  private readonly answers = new WeakMap<Principal, Pick<Principal, 'scopes' | 'email' | 'name'>>();

  async resolve(principal: Principal): Promise<ReadonlySet<string>> {
    return principal.tokenScopes;
  }

  /** The same answer object for the same verified token, so that the guard can reuse what it built from it. */
  override async resolveRequest(principal: Principal): Promise<Pick<Principal, 'scopes' | 'email' | 'name'>> {
    let answer = this.answers.get(principal);
    if (!answer) {
      answer = { scopes: principal.tokenScopes, email: principal.email, name: principal.name };
      this.answers.set(principal, answer);
    }
    return answer;
  }
}
