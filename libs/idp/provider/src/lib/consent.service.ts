import { Inject, Injectable } from '@nestjs/common';
import { ALL_SCOPES } from '@timesheets/contracts';
import type { AccountEntity } from '@timesheets/idp-data-access';
import { consentItems, type ConsentItem } from './consent-items';
import { isFirstParty, REFRESH_TOKEN_TTL_SECONDS } from './create-oidc-provider';
import { IDP_RUNTIME, type IdpRuntime } from './idp-runtime';
import type { InteractionDetails } from './oidc-types';
import type { PageText } from './page-text';
import { policyRequestFor } from './policy-client';
import { grantableApiScopes } from './scopes';

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

  /**
   * Everything the page shows, which is everything the grant will hold: the OpenID scopes and claims asked for and the
   * API scopes asked for that the signed-in user has (requested ∩ permissions), as grantConfirmed records them.
   */
  async items(details: InteractionDetails, text: PageText['consent']['items']): Promise<ConsentItem[]> {
    const account = await this.account(details);
    const permissions = await this.permissions(details, account);
    const d = details.prompt.details;
    const requested = Object.values(d.missingResourceScopes ?? {}).flat();
    return consentItems(
      {
        oidcScopes: d.missingOIDCScope ?? [],
        claims: d.missingOIDCClaims ?? [],
        apiScopes: grantableApiScopes(requested, permissions),
        account,
        offlineDays: REFRESH_TOKEN_TTL_SECONDS / 86_400,
      },
      text,
    );
  }

  /** First party: every requested API scope (the user's permissions apply at each token issuance). */
  grantFirstParty(details: InteractionDetails): Promise<string> {
    return this.saveGrant(details, null);
  }

  /** Third party: only what the consent page showed (requested ∩ the user's permissions now). */
  async grantConfirmed(details: InteractionDetails): Promise<string> {
    return this.saveGrant(details, await this.permissions(details, await this.account(details)));
  }

  private async account(details: InteractionDetails): Promise<AccountEntity> {
    const account = details.session ? await this.rt.accounts.findById(details.session.accountId) : null;
    if (!account) throw new Error('interaction without a signed-in account');
    return account;
  }

  private async permissions(details: InteractionDetails, account: AccountEntity): Promise<string[]> {
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
