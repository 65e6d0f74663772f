import { SPA_CLIENT_ID, type Page, type ProjectRef, type RoleDto, type UserSummaryDto } from '@timesheets/contracts';
import { createThrowawayDatabase, rotateSigningKeys, type ThrowawayDatabase } from '@timesheets/idp-data-access';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { Browser, csrfOf, formAction } from './support/browser';
import { pkce, type RelyingParty, type Tokens } from './support/relying-party';
import {
  authorizeAndLogin,
  freePort,
  loginWithCode,
  SPA_REDIRECT,
  spaClient,
  startIdp,
  verifyAccessToken,
  type RunningIdp,
} from './support/idp-harness';
import type { PolicyStub } from './support/policy-stub';

const POLICY_KEY = 'multi-instance-policy-key-0123456789';

/**
 * Two API processes and two provider instances on one database server (PostgreSQL when TEST_POSTGRES_URL is set,
 * else shared SQLite files), as behind a load balancer: requests alternate between instances and everything holds.
 */
describe('several instances behind a load balancer', () => {
  let apiDb: ThrowawayDatabase;
  let apis: ApiProcess[];
  let idpA: RunningIdp;
  let idpB: RunningIdp;
  let clientA: RelyingParty;
  let clientB: RelyingParty;
  let issuer: string;

  beforeAll(async () => {
    const idpPort = await freePort();
    issuer = `http://127.0.0.1:${idpPort}`;
    apiDb = await createThrowawayDatabase(process.env['TEST_POSTGRES_URL']);
    const apiEnv = {
      AUTH_ISSUER: issuer,
      AUTHZ_POLICY_KEY: POLICY_KEY,
      AUTHZ_DEMO_USERS: 'true',
      // The demo's projects: an entry is booked on a project (issue 15).
      DEMO_DATA: 'true',
      DATABASE_URL: apiDb.url,
    };
    apis = [await startApiProcess(apiEnv), await startApiProcess(apiEnv)];
    const policyOf = (api: ApiProcess) => ({ url: `${api.url}/authz/policy`, key: POLICY_KEY }) as PolicyStub;
    // A signs in the event loop's thread (as on one CPU), B through the thread pool: either's tokens work everywhere.
    idpA = await startIdp(policyOf(apis[0]), {}, { port: idpPort, signInProcess: true });
    idpB = await startIdp(policyOf(apis[1]), { ISSUER: issuer }, { db: idpA.db, signInProcess: false });
    [clientA, clientB] = await clients();
  }, 120_000);

  /** The SPA client twice: at instance A, and at instance B's endpoints (same issuer string, as behind one hostname). */
  async function clients(): Promise<[RelyingParty, RelyingParty]> {
    const a = await spaClient(issuer);
    const bBase = `http://127.0.0.1:${idpB.config.port}`;
    const metaB = Object.fromEntries(
      Object.entries(a.metadata).map(([k, v]) => [
        k,
        typeof v === 'string' && k !== 'issuer' ? v.replace(issuer, bBase) : v,
      ]),
    );
    return [a, await a.at(metaB as typeof a.metadata)];
  }

  afterAll(async () => {
    await idpB?.stop();
    await idpA?.destroy();
    for (const api of apis ?? []) await api.close();
    await apiDb?.drop();
  });

  const call = (api: ApiProcess, method: string, path: string, token: string, body?: unknown) =>
    fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('shares sessions: signed in at A, instance B issues a code without a login page', async () => {
    const first = await authorizeAndLogin(clientA, 'alice@exampleco.test');
    const again = await authorizeAndLogin(clientB, 'not-used@exampleco.test', 'not-used', {}, first.browser);
    expect(new URL(again.callbackUrl).searchParams.get('code')).toEqual(expect.any(String));
  });

  it('logs in, refreshes and rotates whichever instance answers, and both APIs accept the tokens', async () => {
    const tokens = await loginWithCode(clientA, 'alice@exampleco.test');
    for (const api of apis)
      expect((await call(api, 'GET', '/timesheets', tokens.access_token as string)).status).toBe(200);

    const projects = (await (
      await call(apis[1], 'GET', '/projects', tokens.access_token as string)
    ).json()) as ProjectRef[];
    const projectId = projects.find((p) => p.code === 'INTERNAL')?.id;
    expect(projectId).toEqual(expect.any(String));

    const fromB = await clientB.refresh(tokens.refresh_token as string);
    const fromA = await clientA.refresh(fromB.refresh_token as string);
    const fromB2 = await clientB.refresh(fromA.refresh_token as string);
    for (const t of [fromB, fromA, fromB2]) {
      expect(
        (
          await call(apis[0], 'POST', '/timesheets', t.access_token as string, {
            date: '2026-11-25',
            projectId,
            hours: 1,
          })
        ).status,
      ).toBe(201);
      expect((await call(apis[1], 'GET', '/timesheets', t.access_token as string)).status).toBe(200);
    }
    // A used refresh token replayed at the other instance revokes the grant everywhere.
    await expect(clientA.refresh(fromA.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(clientB.refresh(fromB2.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a refresh token sent to both instances at once is used once; the replay revokes the grant everywhere', async () => {
    const tokens = await loginWithCode(clientA, 'alice@exampleco.test');
    const outcomes = await Promise.allSettled(
      [clientA, clientB, clientA, clientB].map((c) => c.refresh(tokens.refresh_token as string)),
    );
    const won = outcomes.filter((o): o is PromiseFulfilledResult<Tokens> => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ error: 'invalid_grant' });
    for (const c of [clientA, clientB]) {
      await expect(c.refresh(won[0].value.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
    }
  });

  it('parallel wrong passwords at both instances are checked at most 5 times in all; the rest are refused', async () => {
    await idpA.idp.runtime.accounts.create({
      email: 'quinn@exampleco.test',
      name: 'Quinn',
      password: 'quinn-password',
    });
    const browser = new Browser();
    const { challenge } = await pkce();
    const url = clientA.authorizationUrl({
      scope: 'openid',
      redirect_uri: SPA_REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const page = await browser.page(url);
    const action = formAction(page.html, '/login');
    const form = { csrf: csrfOf(page.html), email: 'quinn@exampleco.test', password: 'wrong-password' };
    const bases = [issuer, `http://127.0.0.1:${idpB.config.port}`];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        browser.page(new URL(action, bases[i % 2]).toString(), { method: 'POST', form }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
  });

  it('revokes at one instance, refused at the other', async () => {
    const tokens = await loginWithCode(clientA, 'bob@exampleco.test');
    await clientB.revoke(tokens.refresh_token as string, 'refresh_token');
    await expect(clientA.refresh(tokens.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a role removed through one API instance stops requests on the other within 5 seconds', async () => {
    const carol = await loginWithCode(clientB, 'carol@exampleco.test');
    const bob = await loginWithCode(clientA, 'bob@exampleco.test');
    const admin = carol.access_token as string;
    expect((await call(apis[1], 'GET', '/approvals', bob.access_token as string)).status).toBe(200);

    const users = (await (await call(apis[0], 'GET', '/admin/users?q=bob', admin)).json()) as Page<UserSummaryDto>;
    const bobId = users.items[0].id;
    const roles = (await (await call(apis[0], 'GET', '/admin/roles', admin)).json()) as RoleDto[];
    const manager = roles.find((r) => r.name === 'manager') as RoleDto;
    expect((await call(apis[0], 'DELETE', `/admin/users/${bobId}/roles/${manager.id}`, admin)).status).toBe(200);

    const removedAt = Date.now();
    let status = 0;
    while (Date.now() - removedAt < 5000) {
      status = (await call(apis[1], 'GET', '/approvals', bob.access_token as string)).status;
      if (status === 403) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(403);
    expect(Date.now() - removedAt).toBeLessThan(5000);
    // The next refresh, at either provider instance, no longer carries the scope.
    const refreshed = await clientB.refresh(bob.refresh_token as string);
    const { payload } = await verifyAccessToken(issuer, refreshed.access_token as string);
    expect(String(payload['scope'])).not.toContain('approve:timesheets');
  });

  it('shares signing keys: after a rotation both APIs accept tokens signed with the new key by either instance', async () => {
    const rotation = await rotateSigningKeys(idpA.idp.dataSource);
    await idpA.idp.reloadSigningKeys();
    await idpB.idp.reloadSigningKeys();
    // Fresh relying-party clients: openid-client throttles its own JWKS refetch, the APIs must cope by themselves.
    [clientA, clientB] = await clients();
    for (const client of [clientA, clientB]) {
      const tokens = await loginWithCode(client, 'alice@exampleco.test');
      expect((await verifyAccessToken(issuer, tokens.access_token as string)).header.kid).toBe(rotation.newKids.ES256);
      for (const api of apis)
        expect((await call(api, 'GET', '/timesheets', tokens.access_token as string)).status).toBe(200);
    }
    expect(SPA_CLIENT_ID).toBe(clientA.clientMetadata.client_id);
    expect(SPA_REDIRECT).toBe(clientA.redirectUri);
  });
});
