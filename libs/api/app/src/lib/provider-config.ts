import {
  isEntraIssuer,
  isEntraSharedTenant,
  isOktaIssuer,
  isOktaOrgServer,
  parseRolePermissions,
} from '@timesheets/contracts';
import type { EnvReader } from '@timesheets/server-core';
import { SUBJECT_CLAIMS, type AuthOptions } from '@timesheets/api-auth';

/**
 * What differs between identity providers, beyond issuer and audience: whether a token must name its type, which claim
 * names the user, and whether app roles bound the token's scopes (see docs/external-providers.md for each provider).
 * Problems are reported on `r`, each naming its variable.
 */
export function readProviderRules(
  r: EnvReader,
  issuer: string,
  trustTokenScopes: boolean,
): Pick<AuthOptions, 'requireTokenType' | 'subjectClaim' | 'rolePermissions'> {
  const requireTokenType = r.bool('AUTH_TOKEN_TYPE_REQUIRED', true);
  const subjectClaim = r.oneOf('AUTH_SUBJECT_CLAIM', SUBJECT_CLAIMS, 'sub');
  const roleText = r.optionalString('AUTH_ROLE_PERMISSIONS');
  let rolePermissions: AuthOptions['rolePermissions'];
  if (roleText !== undefined) {
    const parsed = parseRolePermissions(roleText);
    if ('problems' in parsed) for (const p of parsed.problems) r.problem(`AUTH_ROLE_PERMISSIONS ${p}`);
    else rolePermissions = parsed.value;
  }

  const entra = isEntraIssuer(issuer);
  const okta = isOktaIssuer(issuer);
  if (isEntraSharedTenant(issuer)) {
    r.problem(
      `AUTH_ISSUER must name the Entra tenant, https://login.microsoftonline.com/<tenant-id>/v2.0 (got "${issuer}": ` +
        'a token carries its tenant in iss, never common, organizations or consumers)',
    );
  }
  if (isOktaOrgServer(issuer)) {
    r.problem(
      `AUTH_ISSUER must be an Okta custom authorization server, https://<org>.okta.com/oauth2/<server id> (got ` +
        `"${issuer}": the org authorization server issues access tokens for Okta's own APIs only)`,
    );
  }
  // Entra grants the client every scope it was consented to, for whichever user signs in; Okta grants every requested
  // scope its access policy allows the client (and refuses the whole request otherwise). Either way the token's scopes
  // say what the SPA may do, not what the user may: trusted alone, they would give every user every scope.
  if ((entra || okta) && trustTokenScopes && roleText === undefined) {
    r.problem(
      `AUTHZ_TRUST_TOKEN_SCOPES=true with ${entra ? 'a Microsoft Entra ID' : 'an Okta'} issuer needs ` +
        "AUTH_ROLE_PERMISSIONS: its tokens carry the same scopes whatever the user's roles, so the roles claim " +
        `(${entra ? 'app roles' : 'a groups claim named roles'}) must bound them`,
    );
  }
  return { requireTokenType, subjectClaim, rolePermissions };
}
