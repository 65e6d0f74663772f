import {
  SEEDED_ROLES,
  type MeResponse,
  type Page,
  type RoleDto,
  type UserDetailDto,
  type UserSummaryDto,
} from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';
import { authzClient, POLICY_KEY, type Person } from './authz-support';

const BOSS = 'boss@exampleco.test';
const ROOT = 'root@exampleco.test';

/**
 * Who may claim a user pre-provisioned by email (a bootstrap admin, a demo account, one an admin provisioned): only a
 * subject whose provider verified that email (`emailVerified: true` in the policy request). Anyone else becomes a
 * user of their own, without that email and without permissions, and the pre-provisioned record waits untouched.
 */
describe.each(databaseEngines())('claiming pre-provisioned users by email (%s)', (engine) => {
  let env: E2eEnv;
  let api: ReturnType<typeof authzClient>;
  let root: Person;

  const user = (id: string) => api.call<UserDetailDto>('GET', `/admin/users/${id}`, root.token);
  const byEmail = async (email: string) =>
    (await api.call<Page<UserSummaryDto>>('GET', `/admin/users?q=${encodeURIComponent(email)}`, root.token)).body.items;

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_BOOTSTRAP_ADMINS: `${ROOT},${BOSS}` });
    api = authzClient(env);
    root = await api.signIn(ROOT, 'Root');
    expect(root.policy.roles).toEqual(['admin']);
  });
  afterAll(() => env.close());

  it('an unverified email does not claim a bootstrap admin: the subject signs in as a new user without email or permissions', async () => {
    const [provisioned] = await byEmail(BOSS);
    expect(provisioned).toMatchObject({ email: BOSS, subject: null });
    for (const emailVerified of [undefined, false]) {
      const res = await api.policy({
        subject: `mallory-${emailVerified}`,
        issuer: env.issuer.issuer,
        email: 'Boss@ExampleCo.test',
        name: 'Mallory',
        ...(emailVerified === undefined ? {} : { emailVerified }),
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ blocked: false, roles: [], groups: [], permissions: [] });
      expect(res.body.userId).not.toBe(provisioned.id);
      expect((await user(res.body.userId)).body).toMatchObject({
        subject: `mallory-${emailVerified}`,
        email: null,
        roles: [],
        effectivePermissions: [],
      });
    }
    // the pre-provisioned record waits, unclaimed and with its role
    expect(await byEmail(BOSS)).toEqual([provisioned]);
    expect((await user(provisioned.id)).body.roles.map((r) => r.name)).toEqual(['admin']);
    // the newcomer can use the API as a fresh user: known, but holding nothing
    const mallory = await api.signIn(BOSS, 'Mallory', 'mallory-again', { emailVerified: false });
    const me = await api.call<MeResponse>('GET', '/me', mallory.token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ subject: 'mallory-again', roles: [], scopes: [] });
    expect((await api.call('GET', '/admin/users', mallory.token)).status).toBe(403);
    // signing in again, still unverified, changes nothing about that
    const again = await api.signIn(BOSS, 'Mallory', 'mallory-again', { emailVerified: false });
    expect(again.userId).toBe(mallory.userId);
    expect(again.policy.permissions).toEqual([]);
  });

  it('the verified owner of the email then claims it, with its role', async () => {
    const [provisioned] = await byEmail(BOSS);
    const boss = await api.signIn(BOSS, 'The Boss', 'boss-subject', { emailVerified: true });
    expect(boss.userId).toBe(provisioned.id);
    expect(boss.policy.roles).toEqual(['admin']);
    expect([...boss.policy.permissions].sort()).toEqual([...SEEDED_ROLES.admin.permissions].sort());
    expect((await byEmail(BOSS)).map((u) => u.subject)).toEqual(['boss-subject']);
  });

  it('an admin-provisioned user is claimed only with a verified email too', async () => {
    const roles = (await api.call<RoleDto[]>('GET', '/admin/roles', root.token)).body;
    const employee = roles.find((r) => r.name === 'employee') as RoleDto;
    const erin = await api.call<UserSummaryDto>('POST', '/admin/users', root.token, { email: 'erin@exampleco.test' });
    await api.call('PUT', `/admin/users/${erin.body.id}/roles/${employee.id}`, root.token);
    const impostor = await api.signIn('erin@exampleco.test', null, 'not-erin', { emailVerified: false });
    expect(impostor.userId).not.toBe(erin.body.id);
    expect(impostor.policy.permissions).toEqual([]);
    const real = await api.signIn('erin@exampleco.test', null, 'erin', { emailVerified: true });
    expect(real.userId).toBe(erin.body.id);
    expect(real.policy.roles).toEqual(['employee']);
  });

  it('an unverified email is never stored, so provisioning and import cannot later match a squatter by it', async () => {
    const squatter = await api.signIn('future-hire@exampleco.test', 'Squatter', 'squatter', { emailVerified: false });
    expect((await user(squatter.userId)).body.email).toBeNull();
    // the admin provisions the real person's email: free (201), not taken by the squatter
    const provisioned = await api.call<UserSummaryDto>('POST', '/admin/users', root.token, {
      email: 'future-hire@exampleco.test',
    });
    expect(provisioned.status).toBe(201);
    expect(provisioned.body.id).not.toBe(squatter.userId);
    // nor does a returning user pick up an unverified email later
    const dave = await api.signIn('dave@exampleco.test', 'Dave', 'dave', { emailVerified: true });
    await api.signIn('dave.new@exampleco.test', 'Dave', 'dave', { emailVerified: false });
    expect((await user(dave.userId)).body.email).toBe('dave@exampleco.test');
    await api.signIn('dave.new@exampleco.test', 'Dave', 'dave', { emailVerified: true });
    expect((await user(dave.userId)).body.email).toBe('dave.new@exampleco.test');
  });
});
