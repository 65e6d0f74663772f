import { ALL_SCOPES } from '@timesheets/contracts';

/** OpenID Connect scopes the provider understands; they are not API permissions. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/**
 * The API scopes a token may carry: requested ∩ the user's effective permissions ∩ the scopes Timesheets knows.
 * Order follows the request, duplicates removed.
 */
export function grantableApiScopes(requested: Iterable<string>, permissions: Iterable<string>): string[] {
  const allowed = new Set(permissions);
  const known = new Set<string>(ALL_SCOPES);
  return [...new Set(requested)].filter((s) => known.has(s) && allowed.has(s));
}

/** The API scopes that the policy allows at all (known ∩ permitted), for the resource server's scope list. */
export function permittedApiScopes(permissions: Iterable<string>): string[] {
  return grantableApiScopes(ALL_SCOPES, permissions);
}
