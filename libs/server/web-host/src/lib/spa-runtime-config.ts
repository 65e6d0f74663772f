import {
  ALL_SCOPES,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  SPA_CLIENT_ID,
  checkScopePrefix,
  isEntraIssuer,
  isEntraSharedTenant,
  isOktaOrgServer,
  parseRolePermissions,
  type WebRuntimeConfig,
} from '@timesheets/contracts';
import type { EnvReader } from '@timesheets/server-config';

/** Every scope Timesheets knows, plus the OpenID Connect ones: what `npm start` has the SPA request. */
export const DEFAULT_WEB_SCOPE = ['openid', 'profile', 'email', 'offline_access', ...ALL_SCOPES].join(' ');

/**
 * `/config.json` from the WEB_* variables: where the SPA finds the identity provider and the API, and what it asks the
 * provider for (client, flow, scopes and how the provider names them, the audience parameter, role permissions,
 * discovery validation; docs/external-providers.md gives each provider's values). A combination that Microsoft Entra
 * ID or Okta cannot sign in with is reported on `r`, naming the variable, so the server does not start.
 */
export function readSpaRuntimeConfig(r: EnvReader, production: boolean): WebRuntimeConfig {
  const issuer = production ? r.url('WEB_ISSUER') : r.url('WEB_ISSUER', DEFAULT_ISSUER);
  const apiUrl = production ? r.url('WEB_API_URL') : r.url('WEB_API_URL', DEFAULT_AUDIENCE);
  const sendAudience = r.bool('WEB_SEND_AUDIENCE', true);
  const audienceSet = r.optionalString('WEB_AUDIENCE');
  if (!sendAudience && audienceSet !== undefined) {
    r.problem('WEB_AUDIENCE is set but WEB_SEND_AUDIENCE=false sends no audience: unset one of them');
  }
  const prefixText = r.optionalString('WEB_SCOPE_PREFIX');
  const scopePrefix = prefixText === undefined ? undefined : checkScopePrefix(prefixText);
  if (scopePrefix === null) {
    r.problem(
      `WEB_SCOPE_PREFIX must end with "/" and hold no spaces, e.g. api://<API client id>/ (got "${prefixText}")`,
    );
  }
  const roleText = r.optionalString('WEB_ROLE_PERMISSIONS');
  const roles = roleText === undefined ? undefined : parseRolePermissions(roleText);
  if (roles && 'problems' in roles) for (const p of roles.problems) r.problem(`WEB_ROLE_PERMISSIONS ${p}`);
  const strict = r.bool('WEB_STRICT_DISCOVERY_VALIDATION', true);

  if (issuer && isEntraIssuer(issuer)) {
    // Each of these would let the server start and every sign-in fail at Entra or in the browser.
    if (isEntraSharedTenant(issuer)) {
      r.problem(
        `WEB_ISSUER must name the Entra tenant, https://login.microsoftonline.com/<tenant-id>/v2.0 (got "${issuer}": ` +
          'the ID token names its tenant, never common, organizations or consumers)',
      );
    }
    if (sendAudience) {
      r.problem(
        'WEB_SEND_AUDIENCE must be false with Microsoft Entra ID: it refuses the resource parameter (AADSTS901002)',
      );
    }
    if (prefixText === undefined) {
      r.problem(
        "WEB_SCOPE_PREFIX is required with Microsoft Entra ID: the API's Application ID URI and a slash " +
          "(api://<API client id>/), which Entra needs before each of the API's scopes",
      );
    }
    if (strict) {
      r.problem(
        'WEB_STRICT_DISCOVERY_VALIDATION must be false with Microsoft Entra ID: its discovery document names endpoints ' +
          'outside the issuer path (…/oauth2/v2.0/authorize, userinfo on graph.microsoft.com)',
      );
    }
  }
  if (issuer && isOktaOrgServer(issuer)) {
    r.problem(
      `WEB_ISSUER must be an Okta custom authorization server, https://<org>.okta.com/oauth2/<server id> (got ` +
        `"${issuer}": the org authorization server issues access tokens for Okta's own APIs only)`,
    );
  }

  return {
    issuer,
    clientId: r.string('WEB_CLIENT_ID', SPA_CLIENT_ID),
    apiUrl,
    ...(sendAudience ? { audience: audienceSet ?? (apiUrl || DEFAULT_AUDIENCE) } : {}),
    flow: r.oneOf('WEB_FLOW', ['code', 'implicit'] as const, 'code'),
    scope: r.string('WEB_SCOPE', DEFAULT_WEB_SCOPE),
    ...(scopePrefix ? { scopePrefix } : {}),
    ...(roles && 'value' in roles ? { rolePermissions: roles.value } : {}),
    strictDiscoveryValidation: strict,
  };
}
