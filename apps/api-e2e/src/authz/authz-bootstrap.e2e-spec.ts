import { ADMIN_SCOPES, type PolicyResponse, SEEDED_ROLES } from '@timesheets/contracts';
import { http } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';

const POLICY_KEY = 'bootstrap-policy-key-0123456789';

/** Who exists on a fresh deployment: nobody but the configured first admins; the demo accounts only when asked. */
describe('authz bootstrap', () => {
  let env: E2eEnv;
  const policy = (email: string, subject: string) =>
    http<PolicyResponse>('POST', `${env.api.url}/authz/policy`, {
      headers: { 'x-api-key': POLICY_KEY },
      body: { subject, issuer: env.issuer.issuer, email, emailVerified: true, name: null, clientId: 'timesheets-spa' },
    });

  afterEach(() => env.close());

  it('grants nothing to the demo emails unless AUTHZ_DEMO_USERS is on', async () => {
    env = await startE2eEnv('sqlite', { AUTHZ_POLICY_KEY: POLICY_KEY });
    const carol = await policy('carol@exampleco.test', 'carol-sub');
    expect(carol.status).toBe(200);
    expect(carol.body).toMatchObject({ roles: [], permissions: [] });
  });

  it('pre-provisions AUTHZ_BOOTSTRAP_ADMINS with the admin role', async () => {
    env = await startE2eEnv('sqlite', { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_BOOTSTRAP_ADMINS: 'Ops@ExampleCo.test' });
    const ops = await policy('ops@exampleco.test', 'ops-sub');
    expect(ops.body.roles).toEqual(['admin']);
    expect([...ops.body.permissions].sort()).toEqual([...SEEDED_ROLES.admin.permissions].sort());
    const audit = await http<{ items: { action: string }[] }>(
      'GET',
      `${env.api.url}/admin/audit?action=user.provision`,
      {
        token: env.issuer.mint('ops-sub', ADMIN_SCOPES.join(' ')),
      },
    );
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((i) => i.action)).toEqual(['user.provision']);
  });

  it('pre-provisions the demo accounts with their roles when AUTHZ_DEMO_USERS is on', async () => {
    env = await startE2eEnv('sqlite', { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_DEMO_USERS: 'true' });
    expect((await policy('alice@exampleco.test', 'a')).body.roles).toEqual(['employee']);
    expect((await policy('bob@exampleco.test', 'b')).body.roles).toEqual(['manager']);
    expect((await policy('carol@exampleco.test', 'c')).body.roles).toEqual(['admin']);
    expect((await policy('paula@exampleco.test', 'p')).body.roles).toEqual(['payroll']);
    expect((await policy('paula@exampleco.test', 'p')).body.permissions).toContain('read:reports');
  });

  it("names an entry's owner from the user record when the access token carries no name", async () => {
    env = await startE2eEnv('sqlite', { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_DEMO_USERS: 'true' });
    await policy('alice@exampleco.test', 'alice-sub');
    await policy('carol@exampleco.test', 'carol-sub');
    const project = await http<{ id: string }>('POST', `${env.api.url}/admin/projects`, {
      token: env.issuer.mint('carol-sub', 'manage:projects'),
      body: { code: 'NAMED', name: 'Named' },
    });
    expect(project.status).toBe(201);
    const token = env.issuer.mint('alice-sub', 'read:timesheets create:timesheets');
    const created = await http<{ ownerName: string | null }>('POST', `${env.api.url}/timesheets`, {
      token,
      body: { date: '2026-11-25', projectId: project.body.id, hours: 1 },
    });
    expect(created.status).toBe(201);
    expect(created.body.ownerName).toBe('Alice Employee');
  });
});
