import { isScope } from '@timesheets/contracts';
import type { PageText } from './page-text';

/** One line of the consent page: what the client gets, in plain words, and the technical name beside it. */
export interface ConsentItem {
  name: string;
  description: string;
}

export interface ConsentRequest {
  /** OpenID Connect scopes this consent grants (oidc-provider's `missingOIDCScope`). */
  oidcScopes: readonly string[];
  /** Claims asked for one by one (`missingOIDCClaims`). */
  claims: readonly string[];
  /** API scopes this consent grants: requested ∩ the user's permissions. */
  apiScopes: readonly string[];
  account: { name: string; email: string };
  /** How long a refresh token (offline_access) lasts at most. */
  offlineDays: number;
}

/** The claim each OpenID scope releases (as create-oidc-provider configures them); a claim alone maps to its scope. */
const SCOPE_OF_CLAIM: Record<string, string> = {
  sub: 'openid',
  name: 'profile',
  email: 'email',
  email_verified: 'email',
};

/**
 * Everything a third-party client gets from one consent, in the order a person reads it: who you are, your name and
 * email (with the values it will see), what it may do in Timesheets, and for how long, in the page's language.
 */
export function consentItems(request: ConsentRequest, text: PageText['consent']['items']): ConsentItem[] {
  const oidc = new Set(request.oidcScopes);
  for (const claim of request.claims) oidc.add(SCOPE_OF_CLAIM[claim] ?? `claim:${claim}`);
  const items: ConsentItem[] = [];
  if (oidc.has('openid')) items.push({ name: 'openid', description: text.identifier });
  if (oidc.has('profile')) items.push({ name: 'profile', description: text.name(request.account.name) });
  if (oidc.has('email')) items.push({ name: 'email', description: text.email(request.account.email) });
  for (const name of oidc) {
    if (name.startsWith('claim:')) {
      const claim = name.slice('claim:'.length);
      items.push({ name: claim, description: text.claim(claim) });
    }
  }
  for (const scope of new Set(request.apiScopes)) {
    items.push({ name: scope, description: isScope(scope) ? text.scopes[scope] : text.otherScope(scope) });
  }
  if (oidc.has('offline_access')) {
    items.push({ name: 'offline_access', description: text.offline(request.offlineDays) });
  }
  return items;
}
