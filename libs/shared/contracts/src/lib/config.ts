/** Run-time configuration the SPA reads from `/config.json`, so one build serves every environment. */
export interface WebRuntimeConfig {
  issuer: string;
  clientId: string;
  /** Base URL of the API, e.g. `http://localhost:3333/api`; the only URL the access token is sent to. */
  apiUrl: string;
  /** Resource/audience to request (RFC 8707 `resource`, Auth0 `audience`). */
  audience: string;
  flow: 'code' | 'implicit';
  scope: string;
}

export const DEFAULT_PORTS = { web: 4200, api: 3333, idp: 3334 } as const;
export const DEFAULT_ISSUER = 'http://localhost:3334';
export const DEFAULT_AUDIENCE = 'http://localhost:3333/api';
export const SPA_CLIENT_ID = 'timesheets-spa';
export const DEFAULT_SPA_URL = 'http://localhost:4200/';
