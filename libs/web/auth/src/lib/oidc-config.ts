import type { AuthConfig } from 'angular-oauth2-oidc';
import { WebRuntimeConfig, prefixScopes } from '@timesheets/contracts/scopes';

/**
 * Builds the angular-oauth2-oidc configuration from the run-time configuration: what the SPA asks the provider for is
 * configuration alone (docs/external-providers.md gives each provider's values).
 */
export function buildAuthConfig(cfg: WebRuntimeConfig, origin: string, uiLocale = 'en'): AuthConfig {
  const redirectUri = origin.endsWith('/') ? origin : origin + '/';
  const implicit = cfg.flow === 'implicit';
  return {
    issuer: cfg.issuer,
    clientId: cfg.clientId,
    redirectUri,
    postLogoutRedirectUri: redirectUri,
    // Entra ID names an API's scopes by the API: `api://<client id>/read:timesheets`.
    scope: prefixScopes(cfg.scope, cfg.scopePrefix),
    // Code flow with PKCE by default; the implicit flow only when config.json asks for it.
    responseType: implicit ? 'id_token token' : 'code',
    // Renewal: code flow uses the (rotated) refresh token; implicit uses no refresh token and simply
    // signs in again when the token runs out (no silent-refresh iframe is shipped).
    useSilentRefresh: false,
    timeoutFactor: 0.75,
    // The embedded provider takes the audience as RFC 8707 `resource`, Auth0 as `audience`. Each ignores the
    // parameter it does not know, so both are sent. angular-oauth2-oidc adds them to the authorize request, the
    // code exchange and every refresh, so renewed access tokens keep the API audience. Without an audience neither
    // is sent: Entra ID refuses `resource` (AADSTS901002), and Okta's audience is its authorization server's.
    // `ui_locales` (OpenID Connect): the provider's sign-in and consent pages speak the SPA's language.
    customQueryParams: {
      ...(cfg.audience ? { resource: cfg.audience, audience: cfg.audience } : {}),
      ui_locales: uiLocale,
    },
    requireHttps: 'remoteOnly',
    // Every endpoint of the discovery document must start with the issuer, so that a tampered or misdirected
    // document cannot send the user or the tokens elsewhere; Entra ID's do not, and config.json says so for it.
    strictDiscoveryDocumentValidation: cfg.strictDiscoveryValidation ?? true,
    showDebugInformation: false,
    clearHashAfterLogin: true,
    sessionChecksEnabled: false,
  };
}
