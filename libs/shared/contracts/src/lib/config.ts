import type { RolePermissions } from './token-claims';

/**
 * Run-time configuration the SPA reads from `/config.json`, so one build serves every environment and every identity
 * provider (docs/external-providers.md gives each provider's values).
 */
export interface WebRuntimeConfig {
  issuer: string;
  clientId: string;
  /** Base URL of the API, e.g. `http://localhost:3333/api`; the only URL the access token is sent to. */
  apiUrl: string;
  /**
   * Resource/audience to request, sent as RFC 8707 `resource` (embedded provider) and `audience` (Auth0). Absent:
   * neither is sent (Entra ID refuses `resource` and names the API by the scopes; Okta's audience is the
   * authorization server's).
   */
  audience?: string;
  flow: 'code' | 'implicit';
  /** Scopes to request, space-separated, Timesheets scopes by their own names. */
  scope: string;
  /**
   * What the provider puts before the API's scope names (Entra ID: the App ID URI and a slash, `api://<client id>/`):
   * added to every Timesheets scope requested, taken off every scope granted.
   */
  scopePrefix?: string;
  /** The API's AUTH_ROLE_PERMISSIONS, so that the SPA shows what the API will grant (scopes ∩ the roles' permissions). */
  rolePermissions?: RolePermissions;
  /**
   * Check that every endpoint of the discovery document starts with the issuer (default true). Entra ID's do not
   * (issuer `…/<tenant>/v2.0`, endpoints `…/<tenant>/oauth2/v2.0/…`, userinfo on graph.microsoft.com).
   */
  strictDiscoveryValidation?: boolean;
}

export const DEFAULT_PORTS = { web: 4200, api: 3333, idp: 3334 } as const;
export const DEFAULT_ISSUER = 'http://localhost:3334';
export const DEFAULT_AUDIENCE = 'http://localhost:3333/api';
export const SPA_CLIENT_ID = 'timesheets-spa';
export const DEFAULT_SPA_URL = 'http://localhost:4200/';
