/**
 * Recognising Microsoft Entra ID and Okta by their issuer, so that the API and the SPA server can refuse at start a
 * configuration these providers cannot work with (docs/external-providers.md). An organisation may serve Okta under a
 * custom domain, which cannot be recognised: the checks then do not apply.
 */

/** Microsoft Entra ID's token service hosts (worldwide, US Government, China; External ID's ciamlogin.com). */
const ENTRA_HOSTS =
  /^(login\.microsoftonline\.(com|us)|login\.partner\.microsoftonline\.cn|sts\.windows\.net|[a-z0-9-]+\.ciamlogin\.com)$/i;
/** Entra's tenant-independent names: accepted by its endpoints, never the `iss` of a token. */
const ENTRA_SHARED_TENANTS = /^\/(common|organizations|consumers)(\/|$)/i;
/** Okta's own domains. */
const OKTA_HOSTS = /\.(okta|oktapreview|okta-emea|okta-gov)\.com$/i;
/** An Okta custom authorization server; the org authorization server (no path) issues tokens for Okta's own APIs. */
const OKTA_CUSTOM_SERVER = /^\/oauth2\/[^/]+$/;

function httpsUrl(issuer: string): URL | null {
  try {
    const url = new URL(issuer);
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** True when the issuer is Microsoft Entra ID's. */
export function isEntraIssuer(issuer: string): boolean {
  const url = httpsUrl(issuer);
  return url !== null && ENTRA_HOSTS.test(url.hostname);
}

/** True when the issuer is Entra's `common`, `organizations` or `consumers`: no token carries those as `iss`. */
export function isEntraSharedTenant(issuer: string): boolean {
  return isEntraIssuer(issuer) && ENTRA_SHARED_TENANTS.test(new URL(issuer).pathname);
}

/** True when the issuer is an Okta domain's. */
export function isOktaIssuer(issuer: string): boolean {
  const url = httpsUrl(issuer);
  return url !== null && OKTA_HOSTS.test(url.hostname);
}

/** True when the issuer is on an Okta domain but is not a custom authorization server (`/oauth2/<server id>`). */
export function isOktaOrgServer(issuer: string): boolean {
  return isOktaIssuer(issuer) && !OKTA_CUSTOM_SERVER.test(new URL(issuer).pathname);
}
