import { parseRolePermissions } from '@timesheets/contracts';
import type { EnvReader } from '@timesheets/server-core';
import { SUBJECT_CLAIMS, type AuthOptions } from '@timesheets/api-auth';

/** Microsoft Entra ID's token service hosts (worldwide, US Government, China; External ID's ciamlogin.com). */
const ENTRA_HOSTS =
  /^(login\.microsoftonline\.(com|us)|login\.partner\.microsoftonline\.cn|sts\.windows\.net|[a-z0-9-]+\.ciamlogin\.com)$/i;
/** Entra's tenant-independent names: accepted by its endpoints, never the `iss` of a token. */
const ENTRA_SHARED_TENANTS = /^\/(common|organizations|consumers)(\/|$)/i;
/** Okta's own domains (an organisation may also serve Okta under a custom domain, which cannot be recognised). */
const OKTA_HOSTS = /\.(okta|oktapreview|okta-emea|okta-gov)\.com$/i;

function httpsHost(issuer: string): URL | null {
  try {
    const url = new URL(issuer);
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** True when the issuer is Microsoft Entra ID's. */
export function isEntraIssuer(issuer: string): boolean {
  const url = httpsHost(issuer);
  return url !== null && ENTRA_HOSTS.test(url.hostname);
}

/** True when the issuer is an Okta domain's. */
export function isOktaIssuer(issuer: string): boolean {
  const url = httpsHost(issuer);
  return url !== null && OKTA_HOSTS.test(url.hostname);
}

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
  if (entra && ENTRA_SHARED_TENANTS.test(new URL(issuer).pathname)) {
    r.problem(
      `AUTH_ISSUER must name the Entra tenant, https://login.microsoftonline.com/<tenant-id>/v2.0 (got "${issuer}": ` +
        'a token carries its tenant in iss, never common, organizations or consumers)',
    );
  }
  if (okta && !/^\/oauth2\/[^/]+$/.test(new URL(issuer).pathname)) {
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
