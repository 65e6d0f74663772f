import { Inject, Injectable } from '@nestjs/common';
import { ALL_SCOPES, SCOPE_DESCRIPTIONS, type Scope } from '@timesheets/contracts';
import { isFirstParty } from './create-oidc-provider';
import { IDP_RUNTIME, type IdpRuntime } from './idp-runtime';
import type { InteractionDetails } from './oidc-types';
import { policyRequestFor } from './policy-client';
import { grantableApiScopes } from './scopes';

/** What the consent page lists: each scope with its description. */
export interface ConsentItem {
  name: string;
  description: string;
}

/** The consent step: what a client asks for, what the user may grant, and the grant that records it. */
@Injectable()
export class ConsentService {
  constructor(@Inject(IDP_RUNTIME) private readonly rt: IdpRuntime) {}

  isFirstParty(details: InteractionDetails): boolean {
    return isFirstParty(this.rt.config, details.params.client_id);
  }

  async clientName(clientId: string): Promise<string> {
    const client = await this.rt.provider.Client.find(clientId);
    return client?.clientName ?? clientId;
  }

  /** The API scopes the page shows: requested ∩ the signed-in user's permissions. */
  async items(details: InteractionDetails): Promise<ConsentItem[]> {
    const permissions = await this.permissions(details);
    const requested = Object.values(details.prompt.details.missingResourceScopes ?? {}).flat();
    return grantableApiScopes(requested, permissions).map((name) => ({
      name,
      description: SCOPE_DESCRIPTIONS[name as Scope],
    }));
  }

  /** First party: every requested API scope (the user's permissions apply at each token issuance). */
  grantFirstParty(details: InteractionDetails): Promise<string> {
    return this.saveGrant(details, null);
  }

  /** Third party: only what the consent page showed (requested ∩ the user's permissions now). */
  async grantConfirmed(details: InteractionDetails): Promise<string> {
    return this.saveGrant(details, await this.permissions(details));
  }

  private async permissions(details: InteractionDetails): Promise<string[]> {
    const account = details.session ? await this.rt.accounts.findById(details.session.accountId) : null;
    if (!account) throw new Error('interaction without a signed-in account');
    const answer = await this.rt.policy.evaluate(
      policyRequestFor(account, this.rt.config.issuer, details.params.client_id),
    );
    return answer.blocked ? [] : answer.permissions;
  }

  /** Records what the client may ask for: `permissions` null grants every known requested API scope. */
  private async saveGrant(details: InteractionDetails, permissions: string[] | null): Promise<string> {
    const { Grant } = this.rt.provider;
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error('interaction without a signed-in account');
    const grant =
      (details.grantId ? await Grant.find(details.grantId) : undefined) ??
      new Grant({ accountId, clientId: details.params.client_id });
    const d = details.prompt.details;
    if (d.missingOIDCScope?.length) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims?.length) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(d.missingResourceScopes ?? {})) {
      const known = grantableApiScopes(scopes, ALL_SCOPES);
      const allowed = permissions === null ? known : grantableApiScopes(known, permissions);
      const rejected = scopes.filter((s) => !allowed.includes(s));
      if (allowed.length) grant.addResourceScope(resource, allowed.join(' '));
      if (rejected.length) grant.rejectResourceScope(resource, rejected.join(' '));
    }
    return grant.save();
  }
}
