import { ALL_SCOPES, SEEDED_ROLES, type MeResponse } from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { nowSeconds, POLICY_KEY, startProviderApi, type ProviderApi } from './provider-support';

/**
 * Microsoft Entra ID (v2.0 access tokens), shaped as its access token claims reference shows them: header
 * `{typ: "JWT", alg: "RS256", kid}`; `aud` the API's application (client) id, `iss` the tenant's v2.0 issuer, `azp`
 * the client application, `scp` a space-separated string of the API's scopes without their `api://…/` prefix,
 * `roles` the user's app roles, `oid` the user's object id in the tenant, `sub` an identifier per application.
 */
const TENANT = 'b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const OTHER_TENANT = 'f0e1d2c3-b4a5-4968-8776-655443322110';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
/** The API's app registration: v2.0 tokens carry its client id as `aud`, never the App ID URI. */
const API_APP_ID = '3c9e6f1a-2b4d-4e8f-9a0b-1c2d3e4f5a6b';
const SPA_APP_ID = '8d7c6b5a-4e3f-4a1b-9c0d-e1f2a3b4c5d6';
const USER_OID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
/** Entra's signing keys are named by their certificate thumbprint (`kid` equals `x5t`). */
const KID = 'nOo3ZDrODXEK1jKWhXslHR_KXEg';
const ROLE_PERMISSIONS = {
  'Timesheets.Employee': ['read:timesheets', 'create:timesheets', 'delete:timesheets', 'read:projects'],
  'Timesheets.Manager': [
    'read:timesheets',
    'create:timesheets',
    'delete:timesheets',
    'read:projects',
    'approve:timesheets',
  ],
};
const TIMESHEET_SCP = 'read:timesheets create:timesheets delete:timesheets approve:timesheets read:projects';

/** Entra's JWKS: `kid` and `x5t` alike, `issuer` with a `{tenantid}` placeholder, no `alg`. */
const entraJwks = {
  kid: KID,
  publish: (jwk: Record<string, unknown>) => {
    const published: Record<string, unknown> = {
      ...jwk,
      x5t: jwk['kid'],
      issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
    };
    delete published['alg'];
    return published;
  },
};

function entraToken(api: ProviderApi, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  const now = nowSeconds();
  const payload: Record<string, unknown> = {
    aud: API_APP_ID,
    iss: ISSUER,
    iat: now,
    nbf: now,
    exp: now + 4500,
    aio: 'AWQAm/8ZAAAAsWb3IuHNyVn1EWy4n+u6qbrX1J7UvZ/4ShMQz6dxfJ2R',
    azp: SPA_APP_ID,
    azpacr: '0',
    name: 'Bob Manager',
    oid: USER_OID,
    preferred_username: 'bob@exampleco.com',
    rh: '1.AXkAxPfyscrCXU6MHA4fKjtMXRpvnjxNK0-OmgscLT5PWmt5AJk.',
    scp: TIMESHEET_SCP,
    sub: 'HKZpfaHyWadeOouYlitjrI-KffTm222X5rrV3xDqfKQ',
    tid: TENANT,
    uti: 'fqiBqXLPj0eQa82S-IYFAA',
    ver: '2.0',
    ...claims,
  };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return api.issuer.signRaw({ typ: 'JWT', kid: KID, ...header }, payload);
}

describe.each(databaseEngines())('Microsoft Entra ID (%s)', (engine) => {
  const entraEnv = {
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: API_APP_ID,
    AUTH_TOKEN_TYPES: 'JWT',
    AUTH_SUBJECT_CLAIM: 'oid',
  };

  describe('app roles bound the scopes (AUTHZ_TRUST_TOKEN_SCOPES with AUTH_ROLE_PERMISSIONS)', () => {
    let api: ProviderApi;
    beforeAll(async () => {
      api = await startProviderApi(
        engine,
        { ...entraEnv, AUTHZ_TRUST_TOKEN_SCOPES: 'true', AUTH_ROLE_PERMISSIONS: JSON.stringify(ROLE_PERMISSIONS) },
        entraJwks,
      );
    });
    afterAll(() => api.close());

    it("accepts the token and grants the scp scopes the user's app role permits", async () => {
      const token = entraToken(api, { roles: ['Timesheets.Employee'] });
      expect(await api.status('/timesheets', token)).toBe(200);
      // scp carries approve:timesheets (the SPA was consented to it for everyone); the role does not permit it.
      expect(await api.status('/approvals', token)).toBe(403);
      const me = await api.get<MeResponse>('/me', token);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ subject: USER_OID, issuer: ISSUER, name: 'Bob Manager' });
      expect(me.body.scopes).toEqual(['create:timesheets', 'delete:timesheets', 'read:projects', 'read:timesheets']);
    });

    it('grants approve:timesheets to a Timesheets.Manager', async () => {
      expect(await api.status('/approvals', entraToken(api, { roles: ['Timesheets.Manager'] }))).toBe(200);
    });

    it('grants nothing to a user without a mapped app role, whatever scp says', async () => {
      expect(await api.status('/timesheets', entraToken(api))).toBe(403);
      expect(await api.status('/timesheets', entraToken(api, { roles: ['Timesheets.Admin'] }))).toBe(403);
    });

    it("grants nothing for scopes that name another API (scp holds only the token audience's scope names)", async () => {
      const scp = `User.Read api://${API_APP_ID}/read:timesheets api://payroll/read:timesheets`;
      expect(await api.status('/timesheets', entraToken(api, { scp, roles: ['Timesheets.Manager'] }))).toBe(403);
    });

    it('knows the user by oid: another client application (its own pairwise sub) is the same user', async () => {
      const other = entraToken(api, {
        roles: ['Timesheets.Employee'],
        azp: '0f1e2d3c-4b5a-4697-8877-665544332211',
        sub: 'a-different-pairwise-subject',
      });
      expect((await api.get<MeResponse>('/me', other)).body.subject).toBe(USER_OID);
    });

    it.each([
      ['another tenant', { iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`, tid: OTHER_TENANT }],
      [
        'a v1.0 token of the same tenant (sts.windows.net issuer, App ID URI audience)',
        { iss: `https://sts.windows.net/${TENANT}/`, aud: `api://${API_APP_ID}`, ver: '1.0', appid: SPA_APP_ID },
      ],
      ['another API of the tenant', { aud: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }],
      ['an ID token for the SPA (aud is its client id)', { aud: SPA_APP_ID, nonce: 'n-0S6_WzA2Mj', scp: undefined }],
      ['a token without oid', { oid: undefined }],
      ['a roles claim that is not an array', { roles: 'Timesheets.Manager' }],
    ])('refuses %s (401)', async (_, claims) => {
      const token = entraToken(api, { roles: ['Timesheets.Manager'], ...claims });
      expect(await api.status('/timesheets', token)).toBe(401);
    });

    it('refuses a Microsoft Graph token (nonce in its header, Graph as audience)', async () => {
      const graph = entraToken(
        api,
        { aud: '00000003-0000-0000-c000-000000000000', scp: 'User.Read openid profile' },
        { nonce: 'QltrBofYb5am7UJ8mCmOJjlNOXqr1bAu2h_H2s3ARpk' },
      );
      expect(await api.status('/timesheets', graph)).toBe(401);
    });

    it('keeps the token-type check: Entra always types its tokens JWT, so one without typ is refused', async () => {
      expect(
        await api.status('/timesheets', entraToken(api, { roles: ['Timesheets.Manager'] }, { typ: undefined })),
      ).toBe(401);
    });
  });

  describe('Timesheets owns the roles (the policy endpoint, by issuer and oid)', () => {
    let api: ProviderApi;
    beforeAll(async () => {
      api = await startProviderApi(
        engine,
        { ...entraEnv, AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_BOOTSTRAP_ADMINS: 'ops@exampleco.com' },
        entraJwks,
      );
    });
    afterAll(() => api.close());

    const everyScope = ALL_SCOPES.join(' ');

    it('grants a user Timesheets does not know nothing, whatever scp says', async () => {
      const stranger = entraToken(api, { scp: everyScope, oid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' });
      expect(await api.status('/admin/users', stranger)).toBe(403);
      expect(await api.status('/timesheets', stranger)).toBe(403);
    });

    it("grants scp ∩ the user's permissions once the user is known by issuer and oid", async () => {
      const policy = await api.policy({
        issuer: ISSUER,
        subject: USER_OID,
        email: 'ops@exampleco.com',
        emailVerified: true,
        name: 'Ops',
        clientId: SPA_APP_ID,
      });
      expect(policy.roles).toEqual(['admin']);
      const token = entraToken(api, { scp: everyScope });
      expect(await api.status('/admin/users', token)).toBe(200);
      expect(await api.status('/timesheets', token)).toBe(403); // the admin role holds no timesheet permission
      const narrow = entraToken(api, { scp: 'read:timesheets', sub: 'pairwise-for-another-client' });
      expect(await api.status('/admin/users', narrow)).toBe(403);
      const me = await api.get<MeResponse>('/me', token);
      expect(me.body.scopes).toEqual([...SEEDED_ROLES.admin.permissions].sort());
    });
  });
});
