import { startApiProcess, type ApiProcess } from './support/api-process';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@timesheets/idp-data-access';
import type { RelyingParty } from './support/relying-party';
import { freePort, loginWithCode, scopesOf, spaClient, startIdp, type RunningIdp } from './support/idp-harness';
import type { PolicyStub } from './support/policy-stub';

const POLICY_KEY = 'cross-app-policy-key-0123456789';

/** The real API answers the provider's policy calls and accepts its tokens. */
describe('provider + API together', () => {
  let api: ApiProcess;
  let apiDb: ThrowawayDatabase;
  let op: RunningIdp;
  let client: RelyingParty;

  beforeAll(async () => {
    const idpPort = await freePort();
    const issuer = `http://127.0.0.1:${idpPort}`;
    apiDb = await createThrowawayDatabase(process.env['TEST_POSTGRES_URL']);
    api = await startApiProcess({
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: 'http://localhost:3333/api',
      AUTHZ_POLICY_KEY: POLICY_KEY,
      DATABASE_URL: apiDb.url,
      // Pre-provisions the demo users with their roles, as npm start does.
      AUTHZ_DEMO_USERS: 'true',
    });
    // The harness only needs the policy URL and key from the stub interface.
    const policy = { url: `${api.url}/authz/policy`, key: POLICY_KEY } as PolicyStub;
    op = await startIdp(policy, {}, { port: idpPort });
    client = await spaClient(op.issuer);
  });
  afterAll(async () => {
    if (process.env['IDP_E2E_DEBUG']) console.log(api?.output());
    await op?.destroy();
    await api?.close();
    await apiDb?.drop();
  });

  const call = (token: string, path: string) =>
    fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it.each([
    ['alice@exampleco.test', 'employee', 200, 403, 403],
    ['bob@exampleco.test', 'manager', 200, 200, 403],
    ['carol@exampleco.test', 'admin', 403, 403, 200],
  ] as const)(
    '%s (%s): timesheets %i, approvals %i, admin users %i',
    async (email, role, timesheets, approvals, users) => {
      const tokens = await loginWithCode(client, email);
      const token = tokens.access_token as string;
      const me = await call(token, '/me');
      expect(me.status).toBe(200);
      // The access token carries no email (the ID token does); the API knows the user from the policy call.
      const body = (await me.json()) as { subject: string; roles: string[]; scopes: string[]; issuer: string };
      expect(body.issuer).toBe(op.issuer);
      expect(body.subject).toBe(tokens.claims()?.sub);
      expect(body.roles).toEqual([role]);
      expect([...body.scopes].sort()).toEqual(scopesOf({ scope: tokens.scope }));
      expect((await call(token, '/timesheets')).status).toBe(timesheets);
      expect((await call(token, '/approvals')).status).toBe(approvals);
      expect((await call(token, '/admin/users')).status).toBe(users);
    },
  );

  it('an admin blocking a user in the API stops the next refresh', async () => {
    const alice = await loginWithCode(client, 'alice@exampleco.test');
    const carol = await loginWithCode(client, 'carol@exampleco.test');
    const admin = (path: string, method = 'GET') =>
      fetch(`${api.url}${path}`, { method, headers: { authorization: `Bearer ${carol.access_token}` } });
    const page = (await (await admin('/admin/users?q=alice')).json()) as { items: { id: string; email: string }[] };
    const user = page.items.find((u) => u.email === 'alice@exampleco.test');
    expect(user).toBeDefined();
    expect((await admin(`/admin/users/${user!.id}/block`, 'POST')).status).toBeLessThan(300);
    await expect(client.refresh(alice.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await admin(`/admin/users/${user!.id}/unblock`, 'POST')).status).toBeLessThan(300);
  });
});
