import { SCOPE_DESCRIPTIONS, isScope } from '@timesheets/contracts';

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
 * email (with the values it will see), what it may do in Timesheets, and for how long.
 */
export function consentItems(request: ConsentRequest): ConsentItem[] {
  const oidc = new Set(request.oidcScopes);
  for (const claim of request.claims) oidc.add(SCOPE_OF_CLAIM[claim] ?? `claim:${claim}`);
  const items: ConsentItem[] = [];
  if (oidc.has('openid')) items.push({ name: 'openid', description: 'Know who you are (your account identifier)' });
  if (oidc.has('profile')) items.push({ name: 'profile', description: `See your name: ${request.account.name}` });
  if (oidc.has('email')) items.push({ name: 'email', description: `See your email address: ${request.account.email}` });
  for (const name of oidc) {
    if (name.startsWith('claim:')) {
      items.push({
        name: name.slice('claim:'.length),
        description: `See "${name.slice('claim:'.length)}" from your account`,
      });
    }
  }
  for (const scope of new Set(request.apiScopes)) {
    items.push({ name: scope, description: isScope(scope) ? SCOPE_DESCRIPTIONS[scope] : `Use "${scope}"` });
  }
  if (oidc.has('offline_access')) {
    items.push({
      name: 'offline_access',
      description: `Keep this access while you are not using it, for up to ${request.offlineDays} days`,
    });
  }
  return items;
}
