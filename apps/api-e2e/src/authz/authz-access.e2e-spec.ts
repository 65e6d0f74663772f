import { randomUUID } from 'node:crypto';
import {
  ADMIN_BASE_PATH,
  POLICY_API_KEY_HEADER,
  type RoleDto,
  SEEDED_ROLES,
  type UserSummaryDto,
} from '@timesheets/contracts';
import { databaseEngines, http, startTestApi } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';
import { authzClient, type Person, POLICY_KEY } from './authz-support';

/** The admin routes of the running application, from its OpenAPI document, with path parameters filled in. */
async function adminRoutes(env: E2eEnv): Promise<{ method: string; path: string }[]> {
  const doc = await http<{ paths: Record<string, Record<string, unknown>> }>('GET', `${env.api.url}/docs/openapi.json`);
  return Object.entries(doc.body.paths)
    .filter(([path]) => path.startsWith(`${ADMIN_BASE_PATH}/`))
    .flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({
        method: method.toUpperCase(),
        path: path.slice('/api'.length).replace(/\{[^}]+\}/g, () => randomUUID()),
      })),
    );
}

describe.each(databaseEngines())('authorization: access to the admin area and the policy endpoint (%s)', (engine) => {
  let env: E2eEnv;
  let api: ReturnType<typeof authzClient>;
  let carol: Person;

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_DEMO_USERS: 'true' });
    api = authzClient(env);
    carol = await api.signIn('carol@exampleco.test', 'Carol Admin');
  });
  afterAll(() => env.close());

  it('every admin route refuses employee and manager tokens (403), even tokens asking for every scope', async () => {
    const routes = await adminRoutes(env);
    expect(routes.length).toBeGreaterThanOrEqual(32);
    const alice = await api.signIn('alice@exampleco.test');
    // a manager other than the demo one, whose pre-provisioned record a later test claims
    const roles = await api.call<RoleDto[]>('GET', '/admin/roles', carol.token);
    const manager = roles.body.find((r) => r.name === 'manager') as RoleDto;
    const provisioned = await api.call<UserSummaryDto>('POST', '/admin/users', carol.token, {
      email: 'mgr@exampleco.test',
    });
    await api.call('PUT', `/admin/users/${provisioned.body.id}/roles/${manager.id}`, carol.token);
    const mgr = await api.signIn('mgr@exampleco.test');
    expect(mgr.policy.roles).toEqual(['manager']);
    await env.unchanged(async () => {
      for (const person of [alice, mgr]) {
        for (const { method, path } of routes) {
          const res = await api.call(
            method,
            path,
            person.token,
            method === 'GET' || method === 'DELETE' ? undefined : {},
          );
          expect({ who: person.policy.roles, route: `${method} ${path}`, status: res.status }).toEqual({
            who: person.policy.roles,
            route: `${method} ${path}`,
            status: 403,
          });
        }
      }
    });
    // the admin gets through (control)
    expect((await api.call('GET', '/admin/roles', carol.token)).status).toBe(200);
  });

  it('grants only scopes both in the token and in the current permissions; a second subject with a claimed email gets nothing', async () => {
    expect(carol.policy.roles).toEqual(['admin']);
    const narrow = env.issuer.mint(carol.sub, 'read:roles');
    expect((await api.call('GET', '/admin/roles', narrow)).status).toBe(200);
    expect((await api.call('GET', '/admin/groups', narrow)).status).toBe(403);
    const impostor = await api.signIn('carol@exampleco.test', 'Not Carol');
    expect(impostor.userId).not.toBe(carol.userId);
    expect(impostor.policy).toMatchObject({ roles: [], permissions: [] });
    expect((await api.call('GET', '/admin/roles', impostor.token)).status).toBe(403);
  });

  it('a change made through one API instance reaches another instance within 5 seconds', async () => {
    const other = await startTestApi({
      AUTH_ISSUER: env.issuer.issuer,
      AUTH_AUDIENCE: env.issuer.audience,
      AUTH_JWKS_URI: env.issuer.jwksUri,
      DATABASE_URL: env.database.url,
      AUTHZ_POLICY_KEY: POLICY_KEY,
    });
    try {
      const user = await api.signIn(`late-${randomUUID()}@exampleco.test`);
      const roles = await api.call<RoleDto[]>('GET', '/admin/roles', carol.token);
      const employee = roles.body.find((r) => r.name === 'employee') as RoleDto;
      await api.call('PUT', `/admin/users/${user.userId}/roles/${employee.id}`, carol.token);
      const onOther = () => http('GET', `${other.url}/timesheets`, { token: user.token }).then((r) => r.status);
      expect(await onOther()).toBe(200); // the other instance now caches "employee"
      await api.call('DELETE', `/admin/users/${user.userId}/roles/${employee.id}`, carol.token);
      expect((await api.call('GET', '/timesheets', user.token)).status).toBe(403); // this instance: at once
      const changedAt = Date.now();
      let status = await onOther();
      while (status === 200 && Date.now() - changedAt < 6000) {
        await new Promise((r) => setTimeout(r, 250));
        status = await onOther();
      }
      expect(status).toBe(403);
      expect(Date.now() - changedAt).toBeLessThanOrEqual(5500);
    } finally {
      await other.close();
    }
  });

  it('the policy endpoint refuses a missing or wrong key (401) and changes nothing', async () => {
    const body = { subject: 'someone', issuer: env.issuer.issuer, email: 'someone@exampleco.test' };
    await env.unchanged(async () => {
      expect((await api.policy(body, null)).status).toBe(401);
      expect((await api.policy(body, 'wrong-key-0123456789abcdef')).status).toBe(401);
      expect((await api.policy(body, `${POLICY_KEY}x`)).status).toBe(401);
      expect((await api.policy(body, POLICY_KEY.slice(0, -1))).status).toBe(401);
      // the key is checked before the body is even looked at
      expect((await api.policy({ nonsense: true }, null)).status).toBe(401);
      // a bearer token is no substitute for the key
      const res = await http('POST', api.url('/authz/policy'), { token: env.issuer.mint('x', 'read:users'), body });
      expect(res.status).toBe(401);
    });
  });

  it('with the right key: validates the request, creates the user on first sight, answers the same user after', async () => {
    expect((await api.policy({ subject: '', issuer: env.issuer.issuer })).status).toBe(400);
    expect((await api.policy({ subject: 's', issuer: env.issuer.issuer, extra: 1 })).status).toBe(400);
    const first = await api.policy({
      subject: 'new-person',
      issuer: env.issuer.issuer,
      email: 'New@ExampleCo.test',
      name: 'New',
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ userId: expect.any(String), blocked: false, roles: [], groups: [], permissions: [] });
    const again = await api.policy({ subject: 'new-person', issuer: env.issuer.issuer });
    expect(again.body.userId).toBe(first.body.userId);
    // the demo manager, pre-provisioned by email, claimed by the first subject signing in with it verified (any case)
    const demo = await api.policy({
      subject: 'bob-subject',
      issuer: env.issuer.issuer,
      email: 'BOB@exampleco.test',
      emailVerified: true,
    });
    expect(demo.body.permissions).toEqual([...SEEDED_ROLES.manager.permissions].sort());
  });
});

describe('authorization: policy endpoint without a configured key', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2eEnv('sqlite');
  });
  afterAll(() => env.close());

  it('is off (404), whatever key is sent', async () => {
    await env.unchanged(async () => {
      for (const headers of [{}, { [POLICY_API_KEY_HEADER]: POLICY_KEY }] as Record<string, string>[]) {
        const res = await http('POST', `${env.api.url}/authz/policy`, {
          headers,
          body: { subject: 's', issuer: env.issuer.issuer },
        });
        expect(res.status).toBe(404);
      }
    });
  });
});
