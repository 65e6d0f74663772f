import { startApiProcess, type ApiProcess } from './support/api-process';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@timesheets/idp-data-access';
import type { Client } from 'openid-client';
import { freePort, loginWithCode, scopesOf, spaClient, startIdp, type RunningIdp } from './support/idp-harness';
import type { PolicyStub } from './support/policy-stub';

const POLICY_KEY = 'cross-app-policy-key-0123456789';

/** The real API answers the provider's policy calls and accepts its tokens. */
describe('provider + API together', () => {
  let api: ApiProcess;
  let apiDb: ThrowawayDatabase;
  let op: RunningIdp;
  let client: Client;

  beforeAll(async () => {
    const idpPort = await freePort();
    const issuer = `http://127.0.0.1:${idpPort}`;
    apiDb = await createThrowawayDatabase(process.env['TEST_POSTGRES_URL']);
    api = await startApiProcess({
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: 'http://localhost:3333/api',
      AUTHZ_POLICY_KEY: POLICY_KEY,
      DATABASE_URL: apiDb.url,
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
    ['alice@exampleco.test', 200, 403, 403],
    ['bob@exampleco.test', 200, 200, 403],
    ['carol@exampleco.test', 403, 403, 200],
  ] as const)('%s: timesheets %i, approvals %i, admin users %i', async (email, timesheets, approvals, users) => {
    const tokens = await loginWithCode(client, email);
    const token = tokens.access_token as string;
    const me = await call(token, '/me');
    expect(me.status).toBe(200);
    const body = (await me.json()) as { email: string; scopes: string[]; issuer: string };
    expect(body.email).toBe(email);
    expect(body.issuer).toBe(op.issuer);
    expect([...body.scopes].sort()).toEqual(scopesOf({ scope: tokens.scope }));
    expect((await call(token, '/timesheets')).status).toBe(timesheets);
    expect((await call(token, '/approvals')).status).toBe(approvals);
    expect((await call(token, '/admin/users')).status).toBe(users);
  });
});
