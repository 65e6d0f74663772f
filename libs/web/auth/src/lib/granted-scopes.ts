import { WebRuntimeConfig, tokenScopesOf, unprefixScope } from '@timesheets/contracts/scopes';

/** Decodes the payload of a JWT without verifying it: the API verifies; the SPA only reads it for display. */
export function decodeJwtPayload(token: string | null): Record<string, unknown> | null {
  if (!token) return null;
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const obj: unknown = JSON.parse(decodeURIComponent(escape(json)));
    return obj && typeof obj === 'object' && !Array.isArray(obj) ? (obj as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const SCOPE_CLAIMS = ['scope', 'scp', 'permissions'];

/**
 * The scopes granted to the current access token, by their Timesheets names. A JWT access token's claims come first,
 * read as the API reads them (contracts' `tokenScopesOf`: `scope`, `scp`, `permissions`, narrowed by the roles when
 * config.json has role permissions). Otherwise (opaque token) the token response's `scope`, as angular-oauth2-oidc's
 * `getGrantedScopes()` keeps it, without the provider's prefix (Entra ID answers `api://<client id>/read:timesheets`);
 * the roles cannot be read then, and the API still enforces them. (In the implicit flow the provider may echo the
 * grant's scope in the fragment, wider than the token after a role was taken away.)
 */
export function grantedScopesFrom(
  responseScopes: unknown,
  accessToken: string | null,
  cfg: Pick<WebRuntimeConfig, 'scopePrefix' | 'rolePermissions'> = {},
): string[] {
  const payload = decodeJwtPayload(accessToken);
  if (payload && SCOPE_CLAIMS.some((c) => c in payload)) {
    const granted = tokenScopesOf(payload, cfg.rolePermissions);
    return granted.ok ? [...new Set([...granted.scopes].map((s) => unprefixScope(s, cfg.scopePrefix)))] : [];
  }
  if (Array.isArray(responseScopes)) {
    // The implicit flow's fragment is form-encoded (`scope=a+b`) and angular-oauth2-oidc keeps the `+`; no scope
    // name contains one, so it is read as the separator.
    const list = responseScopes.filter((s): s is string => typeof s === 'string').flatMap((s) => s.split('+'));
    return [...new Set(list.filter((s) => s.length > 0).map((s) => unprefixScope(s, cfg.scopePrefix)))];
  }
  return [];
}
