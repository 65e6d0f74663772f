import type { Page, ProjectDto, TimesheetEntry } from '@timesheets/contracts';
import {
  createTestDatabase,
  http,
  startTestApi,
  startTestIssuer,
  type TestApi,
  type TestDatabase,
  type TestIssuer,
} from '@timesheets/api-testing';

/**
 * Tokens shaped exactly like those of the external providers the README documents. The test issuer stands in for
 * the provider's signing keys and JWKS; the claims are theirs.
 */
describe('external providers', () => {
  let issuer: TestIssuer;
  let database: TestDatabase;
  let api: TestApi;
  const now = () => Math.floor(Date.now() / 1000);

  async function start(env: Record<string, string>) {
    issuer = await startTestIssuer();
    database = await createTestDatabase('sqlite');
    api = await startTestApi({
      AUTH_JWKS_URI: issuer.jwksUri,
      DATABASE_URL: database.url,
      AUTHZ_TRUST_TOKEN_SCOPES: 'true',
      ...env,
    });
  }
  async function stop() {
    await api.close();
    await issuer.close();
    await database.drop();
  }

  describe('Auth0, default token profile (RBAC with "Add Permissions in the Access Token")', () => {
    const tenant = 'https://exampleco.eu.auth0.com/';
    const audience = 'https://timesheets.exampleco.com/api';
    // The Auth0 token profile types its access tokens "JWT", like its ID tokens.
    beforeAll(() => start({ AUTH_ISSUER: tenant, AUTH_AUDIENCE: audience, AUTH_TOKEN_TYPES: 'JWT' }));
    afterAll(() => stop());

    /** An Auth0 access token: typ JWT, iss with a trailing slash, aud array with /userinfo, azp, permissions array. */
    const auth0Token = (permissions: string[], sub = 'auth0|64f1c0ffee') =>
      issuer.signRaw(
        { typ: 'JWT' },
        {
          iss: tenant,
          sub,
          aud: [audience, `${tenant}userinfo`],
          iat: now(),
          exp: now() + 86400,
          azp: 'Xy7AbCdEfGh0123456789',
          scope: 'openid profile email',
          permissions,
        },
      );

    it('accepts the token and grants its permissions', async () => {
      const token = auth0Token(['read:timesheets', 'create:timesheets']);
      const project = await http<ProjectDto>('POST', `${api.url}/admin/projects`, {
        token: auth0Token(['manage:projects']),
        body: { code: 'AUTH0', name: 'Auth0 tenant' },
      });
      expect(project.status).toBe(201);
      const created = await http<TimesheetEntry>('POST', `${api.url}/timesheets`, {
        token,
        body: { date: '2026-11-24', projectId: project.body.id, hours: 2 },
      });
      expect(created.status).toBe(201);
      expect(created.body.ownerId).toBe('auth0|64f1c0ffee');
      const list = await http<Page<TimesheetEntry>>('GET', `${api.url}/timesheets`, { token });
      expect(list.body.items).toHaveLength(1);
    });

    it('enforces the permissions it lacks', async () => {
      const token = auth0Token(['read:timesheets']);
      const res = await http('POST', `${api.url}/timesheets`, {
        token,
        body: { date: '2026-11-24', projectId: '00000000-0000-4000-8000-000000000000', hours: 1 },
      });
      expect(res.status).toBe(403);
      expect((await http('GET', `${api.url}/approvals`, { token })).status).toBe(403);
    });

    it('refuses the issuer without its trailing slash (exact match)', async () => {
      const token = issuer.signRaw(
        { typ: 'JWT' },
        { iss: tenant.slice(0, -1), sub: 'auth0|1', aud: audience, exp: now() + 60, permissions: ['read:timesheets'] },
      );
      expect((await http('GET', `${api.url}/timesheets`, { token })).status).toBe(401);
    });
  });

  describe('Auth0, RFC 9068 token profile', () => {
    const tenant = 'https://exampleco.eu.auth0.com/';
    const audience = 'https://timesheets.exampleco.com/api';
    beforeAll(() => start({ AUTH_ISSUER: tenant, AUTH_AUDIENCE: audience }));
    afterAll(() => stop());

    /** An Auth0 RFC 9068 access token: typ at+jwt, client_id instead of azp, a jti, no gty. */
    const rfc9068Token = (permissions: string[], typ = 'at+jwt') =>
      issuer.signRaw(
        { typ },
        {
          iss: tenant,
          sub: 'auth0|64f1c0ffee',
          aud: [audience, `${tenant}userinfo`],
          client_id: 'Xy7AbCdEfGh0123456789',
          iat: now(),
          exp: now() + 86400,
          jti: '73WakrfVbNJBaAmhQtEeDv',
          scope: 'openid profile email',
          permissions,
        },
      );

    it('accepts the token with the default AUTH_TOKEN_TYPES', async () => {
      const res = await http('GET', `${api.url}/timesheets`, { token: rfc9068Token(['read:timesheets']) });
      expect(res.status).toBe(200);
    });

    it('refuses a token of the Auth0 profile (typ JWT), which an ID token also has', async () => {
      const res = await http('GET', `${api.url}/timesheets`, { token: rfc9068Token(['read:timesheets'], 'JWT') });
      expect(res.status).toBe(401);
    });
  });

  describe('Keycloak (realm, client scopes, scope string)', () => {
    const realm = 'https://sso.exampleco.com/realms/exampleco';
    const audience = 'timesheets-api';
    // Keycloak types access tokens "JWT" unless the client's "Use at+jwt as access token header type" is on.
    beforeAll(() => start({ AUTH_ISSUER: realm, AUTH_AUDIENCE: audience, AUTH_TOKEN_TYPES: 'JWT' }));
    afterAll(() => stop());

    /** A Keycloak access token: typ JWT in the header, aud from an audience mapper (plus "account"), azp, typ "Bearer" claim, a scope string. */
    const keycloakToken = (scope: string) =>
      issuer.signRaw(
        { typ: 'JWT' },
        {
          exp: now() + 300,
          iat: now(),
          jti: 'onrtac:2f0e',
          iss: realm,
          aud: [audience, 'account'],
          sub: 'f3c1a2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
          typ: 'Bearer',
          azp: 'timesheets-spa',
          sid: 'a1b2',
          scope,
          realm_access: { roles: ['default-roles-exampleco', 'manager'] },
          email_verified: true,
          name: 'Bob Manager',
          preferred_username: 'bob',
          email: 'bob@exampleco.test',
        },
      );

    it('accepts the token and grants the scopes in its scope string', async () => {
      const token = keycloakToken('openid email profile read:timesheets approve:timesheets');
      const res = await http('GET', `${api.url}/approvals`, { token });
      expect(res.status).toBe(200);
    });

    it('ignores realm roles: only scopes count', async () => {
      const token = keycloakToken('openid email profile');
      expect((await http('GET', `${api.url}/approvals`, { token })).status).toBe(403);
    });
  });
});
