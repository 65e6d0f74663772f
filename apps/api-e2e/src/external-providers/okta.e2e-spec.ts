import { ALL_SCOPES, SEEDED_ROLES, type MeResponse } from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { nowSeconds, POLICY_KEY, startProviderApi, type ProviderApi } from './provider-support';

/**
 * Okta, custom authorization server (API Access Management), shaped as Okta's OIDC & OAuth 2.0 reference shows its
 * access tokens: a header of `alg` and `kid` only (no `typ`); `ver` 1, `jti` "AT.…", `iss` the authorization server,
 * `aud` its audience, `cid` the client, `uid` the user's id, `sub` the user's login, `scp` an array. Okta grants the
 * client every requested scope its access policy allows, whoever the user is; the user's Timesheets groups come in a
 * custom claim named `roles` (value type Groups).
 */
const ORG = 'https://exampleco.okta.com';
const ISSUER = `${ORG}/oauth2/aus8k2timesheets0x7`;
const AUDIENCE = 'api://timesheets';
const CLIENT_ID = '0oa8muazKSyk9gP5y5d5';
const USER_ID = '00u85ozwjjWRd17PB5d5';
const ROLE_PERMISSIONS = {
  'Timesheets.Employee': ['read:timesheets', 'create:timesheets', 'delete:timesheets', 'read:projects'],
  'Timesheets.Manager': ['read:timesheets', 'read:projects', 'approve:timesheets'],
};
const TIMESHEET_SCP = [
  'read:timesheets',
  'create:timesheets',
  'delete:timesheets',
  'approve:timesheets',
  'read:projects',
];

function oktaToken(api: ProviderApi, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  const now = nowSeconds();
  const payload: Record<string, unknown> = {
    ver: 1,
    jti: 'AT.6a7kncTCpu1X9eo2QhH1z_WLUK4TyV43n_9I6kZNwPY',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + 3600,
    cid: CLIENT_ID,
    uid: USER_ID,
    scp: ['openid', 'profile', 'email', 'offline_access', ...TIMESHEET_SCP],
    auth_time: now - 30,
    sub: 'jane.doe@exampleco.com',
    roles: ['Timesheets.Employee'],
    ...claims,
  };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  // signRaw writes alg and kid; typ: undefined leaves the header as Okta writes it.
  return api.issuer.signRaw({ typ: undefined, ...header }, payload);
}

describe.each(databaseEngines())('Okta (%s)', (engine) => {
  const oktaEnv = {
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_TOKEN_TYPE_REQUIRED: 'false',
    AUTH_SUBJECT_CLAIM: 'uid',
  };

  describe('groups bound the scopes (AUTHZ_TRUST_TOKEN_SCOPES with AUTH_ROLE_PERMISSIONS)', () => {
    let api: ProviderApi;
    beforeAll(async () => {
      api = await startProviderApi(engine, {
        ...oktaEnv,
        AUTHZ_TRUST_TOKEN_SCOPES: 'true',
        AUTH_ROLE_PERMISSIONS: JSON.stringify(ROLE_PERMISSIONS),
      });
    });
    afterAll(() => api.close());

    it("accepts the untyped token and grants the scp scopes the user's groups permit", async () => {
      const token = oktaToken(api);
      expect(await api.status('/timesheets', token)).toBe(200);
      expect(await api.status('/approvals', token)).toBe(403);
      const me = await api.get<MeResponse>('/me', token);
      expect(me.body).toMatchObject({ subject: USER_ID, issuer: ISSUER });
      expect(me.body.scopes).toEqual(['create:timesheets', 'delete:timesheets', 'read:projects', 'read:timesheets']);
    });

    it('enforces what the scp array lacks, whatever the groups permit', async () => {
      const manager = { roles: ['Timesheets.Employee', 'Timesheets.Manager'] };
      expect(await api.status('/approvals', oktaToken(api, manager))).toBe(200);
      const narrow = oktaToken(api, { ...manager, scp: ['openid', 'read:timesheets'] });
      expect(await api.status('/approvals', narrow)).toBe(403);
    });

    it('grants nothing to a user in no Timesheets group', async () => {
      expect(await api.status('/timesheets', oktaToken(api, { roles: undefined }))).toBe(403);
      expect(await api.status('/timesheets', oktaToken(api, { roles: ['Everyone'] }))).toBe(403);
    });

    it('knows the user by uid: a renamed login (sub) is the same user', async () => {
      const renamed = oktaToken(api, { sub: 'jane.smith@exampleco.com' });
      expect((await api.get<MeResponse>('/me', renamed)).body.subject).toBe(USER_ID);
    });

    it('grants nothing for scopes of another API', async () => {
      const token = oktaToken(api, {
        scp: ['openid', 'payroll:read', 'api://payroll/read:timesheets'],
        roles: ['Timesheets.Manager'],
      });
      expect(await api.status('/timesheets', token)).toBe(403);
    });

    it.each([
      ['a token of another authorization server of the org', { iss: `${ORG}/oauth2/default`, aud: 'api://default' }],
      ['a token of the org authorization server', { iss: ORG, aud: ORG }],
      ['a token of the same server for another audience', { aud: 'api://default' }],
      ['an ID token (aud is the client id)', { aud: CLIENT_ID, nonce: 'n-0S6_WzA2Mj', scp: undefined }],
      ['a client credentials token (no user: no uid, sub is the client id)', { uid: undefined, sub: CLIENT_ID }],
      ['an scp that is neither a string nor an array', { scp: { 'read:timesheets': true } }],
      ['a roles claim that is not an array', { roles: 'Timesheets.Employee' }],
    ])('refuses %s (401)', async (_, claims) => {
      expect(await api.status('/timesheets', oktaToken(api, claims))).toBe(401);
    });

    it('keeps the token-type check for tokens that have one: typ JWT is not a configured type', async () => {
      expect(await api.status('/timesheets', oktaToken(api, {}, { typ: 'JWT' }))).toBe(401);
      expect(await api.status('/timesheets', oktaToken(api, {}, { typ: 'at+jwt' }))).toBe(200);
    });
  });

  describe('Timesheets owns the roles (an inline token hook calls the policy endpoint with the uid)', () => {
    let api: ProviderApi;
    beforeAll(async () => {
      api = await startProviderApi(engine, {
        ...oktaEnv,
        AUTHZ_POLICY_KEY: POLICY_KEY,
        AUTHZ_BOOTSTRAP_ADMINS: 'jane.doe@exampleco.com',
      });
    });
    afterAll(() => api.close());

    const everyScope = ['openid', ...ALL_SCOPES];

    it('grants a user Timesheets does not know nothing', async () => {
      const stranger = oktaToken(api, { uid: '00u0stranger0000000', scp: everyScope });
      expect(await api.status('/admin/users', stranger)).toBe(403);
    });

    it("grants scp ∩ the user's permissions once the hook has named the user", async () => {
      // What the hook sends: data.context.protocol.issuer.uri, data.context.user.id and .profile.login.
      const policy = await api.policy({
        issuer: ISSUER,
        subject: USER_ID,
        email: 'jane.doe@exampleco.com',
        emailVerified: true,
        name: 'Jane Doe',
        clientId: CLIENT_ID,
      });
      expect(policy.roles).toEqual(['admin']);
      const token = oktaToken(api, { scp: everyScope });
      expect(await api.status('/admin/users', token)).toBe(200);
      expect(await api.status('/timesheets', token)).toBe(403); // the admin role holds no timesheet permission
      const me = await api.get<MeResponse>('/me', token);
      expect(me.body.scopes).toEqual([...SEEDED_ROLES.admin.permissions].sort());
    });
  });
});
