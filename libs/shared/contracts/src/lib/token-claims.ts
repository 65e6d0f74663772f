import { isScope, parseScopeString } from './scopes';

/**
 * How a JWT access token carries its grant, whoever issued it. The API builds a request's scopes with it and the SPA
 * shows what the token allows with the same function, so both read a provider's token alike.
 *
 * - `scope`: a space-separated string (RFC 9068; the embedded provider, Auth0, Keycloak).
 * - `scp`: a space-separated string (Microsoft Entra ID) or an array of strings (Okta).
 * - `permissions`: an array of strings (Auth0 RBAC, "Add Permissions in the Access Token").
 * - `roles`: an array of app role values (Entra app roles), read only when role permissions are configured. The
 *   token's scopes are then narrowed to the permissions of its roles: Entra puts every scope the client application
 *   was consented to in `scp`, whoever the user is, so only the user's roles say what the user may do.
 */

/** The permissions each app role holds: role value → Timesheets scopes. */
export type RolePermissions = Readonly<Record<string, readonly string[]>>;

export type TokenScopes = { ok: true; scopes: ReadonlySet<string> } | { ok: false; problem: string };

const strings = (values: readonly unknown[]) => values.filter((v): v is string => typeof v === 'string' && v !== '');

/** The scopes the token's claims grant, or the claim that makes the token unacceptable. */
export function tokenScopesOf(
  claims: Readonly<Record<string, unknown>>,
  rolePermissions?: RolePermissions,
): TokenScopes {
  const scopes = new Set(parseScopeString(claims['scope']));
  const scp = claims['scp'];
  if (typeof scp === 'string') for (const s of parseScopeString(scp)) scopes.add(s);
  else if (Array.isArray(scp)) for (const s of strings(scp)) scopes.add(s);
  else if (scp !== undefined) return { ok: false, problem: 'scp must be a string or an array' };
  const permissions = claims['permissions'];
  if (permissions !== undefined) {
    if (!Array.isArray(permissions)) return { ok: false, problem: 'permissions must be an array' };
    for (const p of strings(permissions)) scopes.add(p);
  }
  if (!rolePermissions) return { ok: true, scopes };

  const roles = claims['roles'] ?? [];
  if (!Array.isArray(roles)) return { ok: false, problem: 'roles must be an array' };
  const permitted = new Set<string>();
  for (const role of strings(roles)) {
    // Own properties only: a role named "constructor" or "__proto__" is just an unmapped role.
    if (Object.hasOwn(rolePermissions, role)) for (const p of rolePermissions[role]) permitted.add(p);
  }
  return { ok: true, scopes: new Set([...scopes].filter((s) => permitted.has(s))) };
}

/**
 * Reads role permissions written as JSON, `{"<app role value>": ["<scope>", …], …}`: every scope must be a Timesheets
 * scope, so that a typo stops the start instead of silently granting nothing. Returns the problems found, if any.
 */
export function parseRolePermissions(text: string): { value: RolePermissions } | { problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      problems: ['must be a JSON object such as {"Timesheets.Manager": ["read:timesheets", "approve:timesheets"]}'],
    };
  }
  return checkRolePermissions(raw);
}

/** Checks already parsed role permissions (`config.json`'s `rolePermissions`); see parseRolePermissions. */
export function checkRolePermissions(raw: unknown): { value: RolePermissions } | { problems: string[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: ['must be a JSON object mapping each app role to an array of scopes'] };
  }
  const problems: string[] = [];
  const value: [string, readonly string[]][] = [];
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) problems.push('must map at least one app role');
  for (const [role, scopes] of entries) {
    if (role.trim() === '' || role !== role.trim() || /\s/.test(role)) {
      problems.push(`has an app role with spaces or no name ("${role}")`);
      continue;
    }
    if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string')) {
      problems.push(`role "${role}" must map to an array of scope names`);
      continue;
    }
    const unknown = (scopes as string[]).filter((s) => !isScope(s));
    if (unknown.length > 0) problems.push(`role "${role}" names unknown scopes: ${unknown.join(', ')}`);
    else value.push([role, [...new Set(scopes as string[])]]);
  }
  // fromEntries defines own properties, so even a role named "__proto__" stays a plain key.
  return problems.length > 0 ? { problems } : { value: Object.fromEntries(value) };
}

/**
 * Scope names at a provider that prefixes an API's scopes with the API's identifier (Entra ID: `api://<client id>/`
 * + `read:timesheets`). The prefix ends with a slash and holds no whitespace; null when `prefix` is not one.
 */
export function checkScopePrefix(prefix: unknown): string | null {
  return typeof prefix === 'string' && prefix.length <= 256 && /^[^\s]+\/$/.test(prefix) ? prefix : null;
}

/** The scopes to request: each Timesheets scope with the provider's prefix, any other scope (openid, …) as it is. */
export function prefixScopes(scope: string, prefix: string | undefined): string {
  const names = parseScopeString(scope);
  return (prefix ? names.map((s) => (isScope(s) ? prefix + s : s)) : names).join(' ');
}

/** A granted scope's Timesheets name: without the provider's prefix. */
export function unprefixScope(scope: string, prefix: string | undefined): string {
  return prefix && scope.startsWith(prefix) ? scope.slice(prefix.length) : scope;
}
