import { randomUUID } from 'node:crypto';
import {
  type AccessPreviewDto,
  ADMIN_SCOPES,
  type ConfigurationExport,
  type GroupDto,
  type PermissionDto,
  type RoleDto,
  SEEDED_ROLES,
  type UserDetailDto,
} from '@timesheets/contracts';
import { databaseEngines, type HttpResult } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';

/** What granting the admin role gives: every admin scope, and read:reports. */
const ADMIN_ROLE = SEEDED_ROLES.admin.permissions;
import { authzClient, POLICY_KEY, type Person } from './authz-support';

const ROOT = 'root@exampleco.test';

/**
 * Partial administrators trying to become full ones. Whoever holds `update:users`, `update:groups`, `update:roles`,
 * `update:permissions` or the import may give anybody (themselves included) only permissions they hold: every other
 * attempt is a 403 naming what they lack, and changes nothing. The bootstrap admin keeps full power, and the lockout
 * rule still stands.
 */
describe.each(databaseEngines())('no privilege escalation through the admin API (%s)', (engine) => {
  let env: E2eEnv;
  let api: ReturnType<typeof authzClient>;
  let root: Person; // the bootstrap admin: the admin role, so every admin permission and no timesheet one
  const roles: Record<string, RoleDto> = {};
  let ops: GroupDto; // holds the admin role

  const as = <T = unknown>(who: Person, method: string, path: string, body?: unknown) =>
    api.call<T>(method, `/admin${path}`, who.token, body);

  /** A new person given a role with exactly these permissions, by the root admin. */
  async function partialAdmin(permissions: string[]): Promise<Person & { role: RoleDto }> {
    const tag = randomUUID().slice(0, 8);
    const role = await as<RoleDto>(root, 'POST', '/roles', { name: `partial-${tag}`, permissions });
    expect(role.status).toBe(201);
    const person = await api.signIn(`partial-${tag}@exampleco.test`, `Partial ${tag}`);
    expect((await as(root, 'PUT', `/users/${person.userId}/roles/${role.body.id}`)).status).toBe(200);
    return { ...person, role: role.body };
  }

  /** 403 whose message names exactly the missing permissions. */
  function refused(res: HttpResult<unknown>, missing: readonly string[]) {
    expect(res.status).toBe(403);
    const message = (res.body as { message: string }).message;
    expect(message).toBe(`This change would grant permissions you do not hold: ${[...missing].sort().join(', ')}`);
  }

  const without = (all: readonly string[], held: readonly string[]) => all.filter((p) => !held.includes(p));

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_BOOTSTRAP_ADMINS: ROOT });
    api = authzClient(env);
    root = await api.signIn(ROOT, 'Root');
    expect(root.policy.roles).toEqual(['admin']);
    for (const r of (await as<RoleDto[]>(root, 'GET', '/roles')).body) roles[r.name] = r;
    const group = await as<GroupDto>(root, 'POST', '/groups', { name: 'Ops' });
    ops = group.body;
    expect((await as(root, 'PUT', `/groups/${ops.id}/roles/${roles['admin'].id}`)).status).toBe(200);
  });
  afterAll(() => env.close());

  it('update:users cannot give itself the admin or the manager role (403 naming the missing permissions, nothing changed, a security-log line)', async () => {
    const held = ['read:users', 'update:users', 'read:roles'];
    const mallory = await partialAdmin(held);
    env.api.clearEvents();
    await env.unchanged(async () => {
      refused(
        await as(mallory, 'PUT', `/users/${mallory.userId}/roles/${roles['admin'].id}`),
        without(ADMIN_ROLE, held),
      );
      refused(
        await as(mallory, 'PUT', `/users/${mallory.userId}/roles/${roles['manager'].id}`),
        SEEDED_ROLES.manager.permissions,
      );
    });
    const security = env.api.events().filter((e) => e['type'] === 'security');
    expect(security[0]).toMatchObject({
      subject: mallory.sub,
      action: 'PUT /api/admin/users/:id/roles/:roleId',
      outcome: 'denied',
      status: 403,
      reason: 'privilege_escalation',
      permissions: [...without(ADMIN_ROLE, held)].sort(),
    });
    expect(JSON.stringify(security)).not.toContain(mallory.token);
    expect((await api.call('GET', '/admin/roles', mallory.token)).status).toBe(200); // still what they were
    expect((await api.call('GET', '/admin/groups', mallory.token)).status).toBe(403);
  });

  it('neither update:users nor update:groups can put anyone into a group that holds the admin role', async () => {
    const users = await partialAdmin(['read:users', 'update:users']);
    const groups = await partialAdmin(['read:groups', 'update:groups']);
    await env.unchanged(async () => {
      refused(
        await as(users, 'PUT', `/users/${users.userId}/groups/${ops.id}`),
        without(ADMIN_ROLE, ['read:users', 'update:users']),
      );
      refused(
        await as(groups, 'PUT', `/groups/${ops.id}/members/${groups.userId}`),
        without(ADMIN_ROLE, ['read:groups', 'update:groups']),
      );
      // nor someone else: the rule is about anybody's permissions, not only the actor's (what the other person
      // already holds is not added)
      refused(
        await as(groups, 'PUT', `/groups/${ops.id}/members/${users.userId}`),
        without(ADMIN_ROLE, ['read:groups', 'update:groups', 'read:users', 'update:users']),
      );
    });
  });

  it("update:groups cannot nest its own group under one holding the admin role, nor give the group a role it doesn't hold", async () => {
    const held = ['read:groups', 'update:groups'];
    const mallory = await partialAdmin(held);
    const team = await as<GroupDto>(root, 'POST', '/groups', { name: `Team-${randomUUID().slice(0, 8)}` });
    expect((await as(root, 'PUT', `/groups/${team.body.id}/members/${mallory.userId}`)).status).toBe(200);
    await env.unchanged(async () => {
      refused(await as(mallory, 'PATCH', `/groups/${team.body.id}`, { parentId: ops.id }), without(ADMIN_ROLE, held));
      refused(
        await as(mallory, 'PUT', `/groups/${team.body.id}/roles/${roles['employee'].id}`),
        SEEDED_ROLES.employee.permissions,
      );
    });
    // renaming the group adds nothing: allowed
    expect((await as(mallory, 'PATCH', `/groups/${team.body.id}`, { description: 'mine' })).status).toBe(200);
  });

  it('update:roles cannot add permissions to a role it holds', async () => {
    const held = ['read:roles', 'update:roles'];
    const mallory = await partialAdmin(held);
    const employee = await api.signIn(`employee-${randomUUID()}@exampleco.test`);
    expect((await as(root, 'PUT', `/users/${employee.userId}/roles/${roles['employee'].id}`)).status).toBe(200);
    await env.unchanged(async () => {
      refused(
        await as(mallory, 'PUT', `/roles/${mallory.role.id}/permissions`, {
          permissions: [...held, 'delete:roles', 'approve:timesheets'],
        }),
        ['approve:timesheets', 'delete:roles'],
      );
      // nor to a role somebody else holds (a role nobody holds may be given anything: that adds nothing yet)
      refused(
        await as(mallory, 'PUT', `/roles/${roles['employee'].id}/permissions`, {
          permissions: [...SEEDED_ROLES.employee.permissions, 'approve:timesheets'],
        }),
        ['approve:timesheets'],
      );
    });
    // taking its own permission away adds nothing
    const narrowed = await as<RoleDto>(mallory, 'PUT', `/roles/${mallory.role.id}/permissions`, {
      permissions: ['read:roles'],
    });
    expect(narrowed.status).toBe(200);
  });

  it('update:permissions cannot rename a permission a role holds into a name its holders would gain', async () => {
    const created = await as<PermissionDto>(root, 'POST', '/permissions', { name: `reports:${randomUUID()}` });
    const held = ['read:permissions', 'update:permissions', created.body.name];
    const mallory = await partialAdmin(held);
    await env.unchanged(async () => {
      refused(await as(mallory, 'PATCH', `/permissions/${created.body.id}`, { name: 'payroll:admin' }), [
        'payroll:admin',
      ]);
    });
    // a description changes nobody's permissions
    const described = await as(mallory, 'PATCH', `/permissions/${created.body.id}`, { description: 'Reports' });
    expect(described.status).toBe(200);
  });

  it('an import cannot grant the admin role, a group holding it, or permissions to a role it holds', async () => {
    const held = [
      'read:users',
      'read:roles',
      'read:groups',
      'read:permissions',
      'update:users',
      'update:roles',
      'update:groups',
      'update:permissions',
    ];
    const mallory = await partialAdmin(held);
    const file = (await as<ConfigurationExport>(mallory, 'GET', '/export')).body;
    const email = `${mallory.role.name}@exampleco.test`;
    const mine = (f: ConfigurationExport, change: (u: ConfigurationExport['users'][number]) => object) => ({
      ...f,
      users: f.users.map((u) => (u.email === email ? { ...u, ...change(u) } : u)),
    });
    const missing = without(ADMIN_ROLE, held);
    await env.unchanged(async () => {
      refused(
        await as(
          mallory,
          'POST',
          '/import',
          mine(file, (u) => ({ roles: [...u.roles, 'admin'] })),
        ),
        missing,
      );
      refused(
        await as(
          mallory,
          'POST',
          '/import',
          mine(file, () => ({ groups: ['Ops'] })),
        ),
        missing,
      );
      const widened = {
        ...file,
        roles: file.roles.map((r) =>
          r.name === mallory.role.name ? { ...r, permissions: [...r.permissions, 'delete:users'] } : r,
        ),
        permissions: [...file.permissions, { name: 'delete:users', description: '' }],
      };
      refused(await as(mallory, 'POST', '/import', widened), ['delete:users']);
      // a new user in the file, pre-provisioned with the admin role
      const planted = {
        ...file,
        users: [
          ...file.users,
          { email: 'planted@exampleco.test', name: null, blocked: false, roles: ['admin'], groups: [] },
        ],
      };
      refused(await as(mallory, 'POST', '/import', planted), missing);
    });
    // importing what it exported adds nothing
    expect((await as(mallory, 'POST', '/import', file)).status).toBe(200);
  });

  it('update:users cannot unblock someone who would regain permissions it does not hold', async () => {
    const held = ['read:users', 'update:users'];
    const mallory = await partialAdmin(held);
    const admin2 = await api.signIn(`admin2-${randomUUID()}@exampleco.test`);
    expect((await as(root, 'PUT', `/users/${admin2.userId}/roles/${roles['admin'].id}`)).status).toBe(200);
    expect((await as(mallory, 'POST', `/users/${admin2.userId}/block`)).status).toBe(200);
    await env.unchanged(async () => {
      refused(await as(mallory, 'POST', `/users/${admin2.userId}/unblock`), without(ADMIN_ROLE, held));
    });
    // the admin may; then admin2 goes back to being nobody, so that root is the only admin again
    expect((await as(root, 'POST', `/users/${admin2.userId}/unblock`)).status).toBe(200);
    expect((await as(root, 'DELETE', `/users/${admin2.userId}/roles/${roles['admin'].id}`)).status).toBe(200);
  });

  it("an admin's token scoped down by its client grants no more than the token carries", async () => {
    const narrow = { ...root, token: env.issuer.mint(root.sub, 'read:users update:users') };
    const target = await api.signIn(`target-${randomUUID()}@exampleco.test`);
    await env.unchanged(async () => {
      refused(
        await as(narrow, 'PUT', `/users/${target.userId}/roles/${roles['admin'].id}`),
        without(ADMIN_ROLE, ['read:users', 'update:users']),
      );
    });
  });

  it('the admin keeps full power: it assigns the manager role, whose timesheet permissions it does not hold', async () => {
    expect(root.policy.permissions).not.toContain('approve:timesheets');
    const bob = await api.signIn(`bob-${randomUUID()}@exampleco.test`);
    const res = await as<UserDetailDto>(root, 'PUT', `/users/${bob.userId}/roles/${roles['manager'].id}`);
    expect(res.status).toBe(200);
    expect(res.body.effectivePermissions.map((p) => p.permission)).toEqual(
      [...SEEDED_ROLES.manager.permissions].sort(),
    );
    expect((await api.call('GET', '/approvals', bob.token)).status).toBe(200);
  });

  it('a partial admin may grant what it holds itself, and take away anything', async () => {
    const held = ['read:users', 'update:users', ...SEEDED_ROLES.employee.permissions];
    const lead = await partialAdmin(held);
    const newcomer = await api.signIn(`newcomer-${randomUUID()}@exampleco.test`);
    const given = await as<UserDetailDto>(lead, 'PUT', `/users/${newcomer.userId}/roles/${roles['employee'].id}`);
    expect(given.status).toBe(200);
    expect((await api.call('GET', '/timesheets', newcomer.token)).status).toBe(200);
    // the manager role adds approve:timesheets, which the lead lacks
    refused(await as(lead, 'PUT', `/users/${newcomer.userId}/roles/${roles['manager'].id}`), ['approve:timesheets']);
    expect((await as(lead, 'DELETE', `/users/${newcomer.userId}/roles/${roles['employee'].id}`)).status).toBe(200);
    expect((await api.call('GET', '/timesheets', newcomer.token)).status).toBe(403);
  });

  it('the access preview says when applying the change would be refused, as applying it would, and changes nothing', async () => {
    const held = ['read:users', 'update:users', 'read:roles'];
    const mallory = await partialAdmin(held);
    const preview = (who: Person, userId: string, roleIds: string[]) =>
      as<AccessPreviewDto>(who, 'POST', `/users/${userId}/access-preview`, { roleIds, groupIds: [] });
    await env.unchanged(async () => {
      // Escalation: giving herself the admin role, or the manager role, names exactly what she lacks.
      const admin = await preview(mallory, mallory.userId, [mallory.role.id, roles['admin'].id]);
      expect(admin.status).toBe(200);
      expect(admin.body.refusal).toEqual({
        reason: 'escalation',
        message: `This change would grant permissions you do not hold: ${without(ADMIN_ROLE, held).sort().join(', ')}`,
        permissions: without(ADMIN_ROLE, held).sort(),
      });
      expect(admin.body.added).toEqual(without(ADMIN_ROLE, held).sort());
      // Lockout: root is the only holder of every admin permission; without the admin role nobody would be.
      const lockout = await preview(root, root.userId, []);
      expect(lockout.status).toBe(200);
      expect(lockout.body.refusal).toEqual({
        reason: 'lockout',
        message: 'This change would leave no unblocked user holding every admin permission',
      });
      // What she may do is accepted: taking a role away, giving what she holds.
      expect((await preview(mallory, mallory.userId, [])).body.refusal).toBeNull();
      expect((await preview(root, mallory.userId, [mallory.role.id, roles['manager'].id])).body.refusal).toBeNull();
    });
    // The preview ran the change and rolled it back: the roles are as they were, and applying it is refused the same way.
    expect((await as<UserDetailDto>(root, 'GET', `/users/${root.userId}`)).body.roles.map((r) => r.name)).toEqual([
      'admin',
    ]);
    refused(await as(mallory, 'PUT', `/users/${mallory.userId}/roles/${roles['admin'].id}`), without(ADMIN_ROLE, held));
  });

  it('lockout protection still holds, for the admin and for a partial admin', async () => {
    const blocker = await partialAdmin(['read:users', 'update:users']);
    // root is the only holder of every admin permission
    await env.unchanged(async () => {
      const own = await as<{ message: string }>(root, 'DELETE', `/users/${root.userId}/roles/${roles['admin'].id}`);
      expect(own.status).toBe(409);
      expect(own.body.message).toMatch(/admin/);
      expect((await as(blocker, 'POST', `/users/${root.userId}/block`)).status).toBe(409);
    });
  });
});

/** With AUTHZ_TRUST_TOKEN_SCOPES=true the token is the only account of what the actor holds: its scopes bound grants. */
describe.each(databaseEngines())('no privilege escalation when token scopes are trusted (%s)', (engine) => {
  let env: E2eEnv;
  let api: ReturnType<typeof authzClient>;
  let roles: Record<string, RoleDto>;
  const admin = () => env.issuer.mint('external-admin', ADMIN_SCOPES.join(' '));

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_TRUST_TOKEN_SCOPES: 'true' });
    api = authzClient(env);
    const list = await api.call<RoleDto[]>('GET', '/admin/roles', admin());
    roles = Object.fromEntries(list.body.map((r) => [r.name, r]));
  });
  afterAll(() => env.close());

  it('a token carrying update:users cannot assign the admin role; one carrying every admin scope assigns the manager role', async () => {
    const target = await api.signIn(`target-${randomUUID()}@exampleco.test`);
    const narrow = env.issuer.mint('external-helpdesk', 'read:users update:users');
    await env.unchanged(async () => {
      const res = await api.call<{ message: string }>(
        'PUT',
        `/admin/users/${target.userId}/roles/${roles['admin'].id}`,
        narrow,
      );
      expect(res.status).toBe(403);
      const missing = ADMIN_ROLE.filter((s) => s !== 'read:users' && s !== 'update:users').sort();
      expect(res.body.message).toBe(`This change would grant permissions you do not hold: ${missing.join(', ')}`);
    });
    const res = await api.call('PUT', `/admin/users/${target.userId}/roles/${roles['manager'].id}`, admin());
    expect(res.status).toBe(200);
  });
});
