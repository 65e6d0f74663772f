import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { OAuthService, provideOAuthClient } from 'angular-oauth2-oidc';
import { buildAuthConfig } from './oidc-config';
import { parseRuntimeConfig } from './runtime-config';

/**
 * Each provider's `config.json` (as docs/external-providers.md writes it), what the SPA then asks the provider for,
 * and, with the real angular-oauth2-oidc, whether the provider's discovery document passes its validation.
 */
const TENANT = 'b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const API_APP_ID = '3c9e6f1a-2b4d-4e8f-9a0b-1c2d3e4f5a6b';
const SCOPE = 'openid profile email offline_access read:timesheets approve:timesheets read:users';
const ROLES = {
  'Timesheets.Employee': ['read:timesheets'],
  'Timesheets.Manager': ['read:timesheets', 'approve:timesheets'],
};

const providers = {
  embedded: parseRuntimeConfig({
    issuer: 'http://localhost:3334',
    clientId: 'timesheets-spa',
    apiUrl: 'http://localhost:3333/api',
    audience: 'http://localhost:3333/api',
    flow: 'code',
    scope: SCOPE,
  }),
  auth0: parseRuntimeConfig({
    issuer: 'https://exampleco.eu.auth0.com/',
    clientId: 'Xy7AbCdEfGh0123456789',
    apiUrl: 'https://timesheets.exampleco.com/api',
    audience: 'https://timesheets.exampleco.com/api',
    flow: 'code',
    scope: SCOPE,
  }),
  keycloak: parseRuntimeConfig({
    issuer: 'https://sso.exampleco.com/realms/exampleco',
    clientId: 'timesheets-spa',
    apiUrl: 'https://timesheets.exampleco.com/api',
    audience: 'timesheets-api',
    flow: 'code',
    scope: SCOPE,
  }),
  entra: parseRuntimeConfig({
    issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    clientId: '8d7c6b5a-4e3f-4a1b-9c0d-e1f2a3b4c5d6',
    apiUrl: 'https://timesheets.exampleco.com/api',
    flow: 'code',
    scope: SCOPE,
    scopePrefix: `api://${API_APP_ID}/`,
    rolePermissions: ROLES,
    strictDiscoveryValidation: false,
  }),
  okta: parseRuntimeConfig({
    issuer: 'https://exampleco.okta.com/oauth2/aus8k2timesheets0x7',
    clientId: '0oa8muazKSyk9gP5y5d5',
    apiUrl: 'https://timesheets.exampleco.com/api',
    flow: 'code',
    scope: SCOPE,
    rolePermissions: ROLES,
  }),
};

/** Discovery documents as each provider publishes them (the fields angular-oauth2-oidc validates). */
const discovery: Record<string, Record<string, string>> = {
  auth0: {
    issuer: 'https://exampleco.eu.auth0.com/',
    authorization_endpoint: 'https://exampleco.eu.auth0.com/authorize',
    token_endpoint: 'https://exampleco.eu.auth0.com/oauth/token',
    userinfo_endpoint: 'https://exampleco.eu.auth0.com/userinfo',
    end_session_endpoint: 'https://exampleco.eu.auth0.com/oidc/logout',
    revocation_endpoint: 'https://exampleco.eu.auth0.com/oauth/revoke',
    jwks_uri: 'https://exampleco.eu.auth0.com/.well-known/jwks.json',
  },
  keycloak: {
    issuer: 'https://sso.exampleco.com/realms/exampleco',
    authorization_endpoint: 'https://sso.exampleco.com/realms/exampleco/protocol/openid-connect/auth',
    token_endpoint: 'https://sso.exampleco.com/realms/exampleco/protocol/openid-connect/token',
    userinfo_endpoint: 'https://sso.exampleco.com/realms/exampleco/protocol/openid-connect/userinfo',
    end_session_endpoint: 'https://sso.exampleco.com/realms/exampleco/protocol/openid-connect/logout',
    revocation_endpoint: 'https://sso.exampleco.com/realms/exampleco/protocol/openid-connect/revoke',
    jwks_uri: 'https://sso.exampleco.com/realms/exampleco/protocol/openid-connect/certs',
  },
  entra: {
    issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    authorization_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize`,
    token_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    end_session_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/logout`,
    jwks_uri: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
  },
  okta: {
    issuer: 'https://exampleco.okta.com/oauth2/aus8k2timesheets0x7',
    authorization_endpoint: 'https://exampleco.okta.com/oauth2/aus8k2timesheets0x7/v1/authorize',
    token_endpoint: 'https://exampleco.okta.com/oauth2/aus8k2timesheets0x7/v1/token',
    userinfo_endpoint: 'https://exampleco.okta.com/oauth2/aus8k2timesheets0x7/v1/userinfo',
    end_session_endpoint: 'https://exampleco.okta.com/oauth2/aus8k2timesheets0x7/v1/logout',
    revocation_endpoint: 'https://exampleco.okta.com/oauth2/aus8k2timesheets0x7/v1/revoke',
    jwks_uri: 'https://exampleco.okta.com/oauth2/aus8k2timesheets0x7/v1/keys',
  },
};

describe('what the SPA asks each provider for', () => {
  it('uses code + PKCE, redirects back to the origin, renews by refresh token (no iframe)', () => {
    const a = buildAuthConfig(providers.embedded, 'http://localhost:4200');
    expect(a).toMatchObject({
      responseType: 'code',
      redirectUri: 'http://localhost:4200/',
      postLogoutRedirectUri: 'http://localhost:4200/',
      useSilentRefresh: false,
    });
    expect(buildAuthConfig({ ...providers.embedded, flow: 'implicit' }, 'http://x').responseType).toBe(
      'id_token token',
    );
  });

  it.each(['embedded', 'auth0', 'keycloak'] as const)(
    '%s: the scopes by their names, the audience as resource and audience, strict discovery',
    (name) => {
      const cfg = providers[name];
      const a = buildAuthConfig(cfg, 'https://timesheets.exampleco.com');
      expect(a.scope).toBe(SCOPE);
      expect(a.customQueryParams).toEqual({ resource: cfg.audience, audience: cfg.audience, ui_locales: 'en' });
      expect(a.strictDiscoveryDocumentValidation).toBe(true);
      expect(a.responseType).toBe('code');
    },
  );

  it("Entra ID: the API's scopes under its App ID URI, no resource parameter, discovery not prefix-checked", () => {
    const a = buildAuthConfig(providers.entra, 'https://timesheets.exampleco.com');
    expect(a.scope).toBe(
      `openid profile email offline_access api://${API_APP_ID}/read:timesheets api://${API_APP_ID}/approve:timesheets ` +
        `api://${API_APP_ID}/read:users`,
    );
    expect(a.customQueryParams).toEqual({ ui_locales: 'en' });
    expect(a.strictDiscoveryDocumentValidation).toBe(false);
  });

  it("asks every provider for the SPA's language (ui_locales)", () => {
    expect(buildAuthConfig(providers.okta, 'https://timesheets.exampleco.com', 'de').customQueryParams).toEqual({
      ui_locales: 'de',
    });
  });

  it("Okta: the authorization server's own scope names, no audience parameter, strict discovery", () => {
    const a = buildAuthConfig(providers.okta, 'https://timesheets.exampleco.com');
    expect(a.scope).toBe(SCOPE);
    expect(a.customQueryParams).toEqual({ ui_locales: 'en' });
    expect(a.strictDiscoveryDocumentValidation).toBe(true);
  });

  it('validates strictly when config.json does not say otherwise', () => {
    const rest: Partial<typeof providers.entra> = { ...providers.entra };
    delete rest.strictDiscoveryValidation;
    expect(buildAuthConfig(parseRuntimeConfig(rest), 'https://x.test').strictDiscoveryDocumentValidation).toBe(true);
  });
});

describe('config.json for the providers', () => {
  const base = { issuer: 'https://id.test', clientId: 'spa', apiUrl: 'https://api.test/api', scope: 'openid' };

  it('normalises the API URL and refuses a bad file, naming the field', () => {
    expect(parseRuntimeConfig({ ...base, apiUrl: 'https://api.test/api/' }).apiUrl).toBe('https://api.test/api');
    expect(() => parseRuntimeConfig({ ...base, apiUrl: 'nope' })).toThrow(/apiUrl/);
    expect(() => parseRuntimeConfig({ ...base, flow: 'hybrid' })).toThrow(/flow/);
    expect(() => parseRuntimeConfig(null)).toThrow();
  });

  it('leaves the optional fields out when absent or null', () => {
    const cfg = parseRuntimeConfig({ ...base, audience: null, scopePrefix: null });
    expect(cfg).toEqual({ ...base, flow: 'code' });
  });

  it.each([
    [{ audience: '' }, /"audience" must be a non-empty string/],
    [{ audience: 7 }, /"audience" must be a non-empty string/],
    [{ scopePrefix: 'api://x' }, /"scopePrefix" must end with "\/"/],
    [{ scopePrefix: 'api://x y/' }, /"scopePrefix" must end with "\/"/],
    [{ rolePermissions: { M: ['approve:all'] } }, /"rolePermissions" role "M" names unknown scopes: approve:all/],
    [{ rolePermissions: ['read:timesheets'] }, /"rolePermissions" must be a JSON object/],
    [{ strictDiscoveryValidation: 'false' }, /"strictDiscoveryValidation" must be true or false/],
  ])('refuses %j, naming the field', (extra, message) => {
    expect(() => parseRuntimeConfig({ ...base, ...extra })).toThrow(message);
  });
});

describe("each provider's discovery document in angular-oauth2-oidc", () => {
  let oauth: OAuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideOAuthClient()],
    });
    oauth = TestBed.inject(OAuthService);
    http = TestBed.inject(HttpTestingController);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => http.verify());

  /** Loads the provider's discovery document (and its JWKS when it passes); resolves to whether it was accepted. */
  async function load(name: keyof typeof discovery, cfg = providers[name as keyof typeof providers]): Promise<boolean> {
    oauth.configure(buildAuthConfig(cfg, 'https://timesheets.exampleco.com'));
    const loading = oauth.loadDiscoveryDocument().then(
      () => true,
      () => false,
    );
    const doc = discovery[name];
    http.expectOne(`${doc['issuer'].replace(/\/$/, '')}/.well-known/openid-configuration`).flush(doc);
    await Promise.resolve();
    for (const req of http.match(doc['jwks_uri'])) req.flush({ keys: [] });
    return loading;
  }

  it.each(['auth0', 'keycloak', 'okta'] as const)('%s passes the strict validation', async (name) => {
    expect(await load(name)).toBe(true);
    expect(oauth.tokenEndpoint).toBe(discovery[name]['token_endpoint']);
  });

  it('Entra ID fails the strict validation (its endpoints do not start with the issuer), so config.json relaxes it', async () => {
    expect(await load('entra', { ...providers.entra, strictDiscoveryValidation: true })).toBe(false);
  });

  it('Entra ID passes with strictDiscoveryValidation false; the issuer is still compared exactly', async () => {
    expect(await load('entra')).toBe(true);
    expect(oauth.loginUrl).toBe(discovery['entra']['authorization_endpoint']);
  });

  it('a document naming another issuer is refused even when relaxed', async () => {
    const other = { ...providers.entra, issuer: 'https://login.microsoftonline.com/another-tenant/v2.0' };
    oauth.configure(buildAuthConfig(other, 'https://timesheets.exampleco.com'));
    const loading = oauth.loadDiscoveryDocument().then(
      () => true,
      () => false,
    );
    http
      .expectOne('https://login.microsoftonline.com/another-tenant/v2.0/.well-known/openid-configuration')
      .flush(discovery['entra']);
    expect(await loading).toBe(false);
  });

  it("Entra ID's authorize request: prefixed scopes, PKCE, no resource or audience", async () => {
    expect(await load('entra')).toBe(true);
    const url = new URL(
      await (oauth as unknown as { createLoginUrl(state: string): Promise<string> }).createLoginUrl('/'),
    );
    expect(url.origin + url.pathname).toBe(discovery['entra']['authorization_endpoint']);
    expect(url.searchParams.get('scope')).toContain(`api://${API_APP_ID}/approve:timesheets`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.has('resource')).toBe(false);
    expect(url.searchParams.has('audience')).toBe(false);
  });
});
