import { randomUUID } from 'node:crypto';
import {
  type AccessPreviewDto,
  type AuditEntryDto,
  type ConfigurationExport,
  type GroupDetailDto,
  type GroupDto,
  type MeResponse,
  type Page,
  type PermissionDto,
  type RoleDto,
  type RoleMembersDto,
  SEEDED_ROLES,
  type UserDetailDto,
  type UserSummaryDto,
} from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';
import { authzClient, POLICY_KEY, type Person } from './authz-support';

const sorted = (xs: readonly string[]) => [...xs].sort();

/**
 * The authorization service through HTTP only: an admin who got the role through the policy endpoint builds the
 * configuration, and every change shows on the affected user's next request. The steps share one database and run
 * in order.
 */
describe.each(databaseEngines())('authorization service (%s)', (engine) => {
  let env: E2eEnv;
  let api: ReturnType<typeof authzClient>;
  let carol: Person; // admin (pre-provisioned demo account)
  let alice: Person; // employee
  let bob: Person; // manager
  let dave: Person; // signs in without any assignment
  const roles: Record<string, RoleDto> = {};
  const groups: Record<string, GroupDto> = {};

  const admin = <T = unknown>(method: string, path: string, body?: unknown) =>
    api.call<T>(method, `/admin${path}`, carol.token, body);

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_DEMO_USERS: 'true' });
    api = authzClient(env);
    carol = await api.signIn('carol@exampleco.test', 'Carol Admin');
    alice = await api.signIn('Alice@ExampleCo.TEST', 'Alice Employee');
    bob = await api.signIn('bob@exampleco.test', 'Bob Manager');
    dave = await api.signIn('dave@exampleco.test', 'Dave New');
    for (const r of (await admin<RoleDto[]>('GET', '/roles')).body) roles[r.name] = r;
  });
  afterAll(() => env.close());

  it('attaches the pre-provisioned demo users by email at their first sign-in, with their seeded role', () => {
    expect(carol.policy).toMatchObject({ blocked: false, roles: ['admin'], groups: [] });
    expect(carol.policy.permissions).toEqual(sorted(SEEDED_ROLES.admin.permissions));
    expect(alice.policy.roles).toEqual(['employee']);
    expect(alice.policy.permissions).toEqual(sorted(SEEDED_ROLES.employee.permissions));
    expect(bob.policy.permissions).toEqual(sorted(SEEDED_ROLES.manager.permissions));
    expect(dave.policy).toMatchObject({ roles: [], groups: [], permissions: [] });
  });

  it('answers the same user on the next sign-in, updating name and last login', async () => {
    const again = await api.policy({
      subject: alice.sub,
      issuer: env.issuer.issuer,
      email: 'alice@exampleco.test',
      name: 'Alice E.',
    });
    expect(again.status).toBe(200);
    expect(again.body.userId).toBe(alice.userId);
    const detail = await admin<UserDetailDto>('GET', `/users/${alice.userId}`);
    expect(detail.body).toMatchObject({ email: 'alice@exampleco.test', name: 'Alice E.', subject: alice.sub });
    expect(detail.body.lastLoginAt).not.toBeNull();
  });

  it('GET /me reports roles and the scopes this request got (token ∩ current permissions)', async () => {
    const me = await api.call<MeResponse>('GET', '/me', bob.token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ subject: bob.sub, roles: ['manager'], groups: [] });
    expect(me.body.scopes).toEqual(sorted(SEEDED_ROLES.manager.permissions));
    // an access token without profile claims: email and name come from the user record
    const bare = env.issuer.mint(bob.sub, 'read:timesheets');
    const fromRecord = await api.call<MeResponse>('GET', '/me', bare);
    expect(fromRecord.body).toMatchObject({
      email: 'bob@exampleco.test',
      name: 'Bob Manager',
      scopes: ['read:timesheets'],
    });
  });

  it('a token whose subject never went through the policy endpoint gets no scope (403)', async () => {
    const stranger = env.issuer.mint('never-seen', 'read:timesheets');
    expect((await api.call('GET', '/timesheets', stranger)).status).toBe(403);
  });

  it('builds the seed configuration through the API alone (roles with the seeded permissions)', async () => {
    for (const [name, seed] of Object.entries(SEEDED_ROLES)) {
      const res = await admin<RoleDto>('POST', '/roles', {
        name: `copy-of-${name}`,
        description: seed.description,
        permissions: [...seed.permissions],
      });
      expect(res.status).toBe(201);
      expect(res.body.permissions).toEqual(roles[name].permissions);
      roles[res.body.name] = res.body;
    }
    const provisioned = await admin<UserSummaryDto>('POST', '/users', { email: 'Erin@ExampleCo.test', name: 'Erin' });
    expect(provisioned.status).toBe(201);
    expect(provisioned.body).toMatchObject({ email: 'erin@exampleco.test', subject: null, blocked: false });
    expect((await admin('PUT', `/users/${provisioned.body.id}/roles/${roles['copy-of-manager'].id}`)).status).toBe(200);
    const erin = await api.signIn('erin@exampleco.test');
    expect(erin.userId).toBe(provisioned.body.id);
    expect(erin.policy.permissions).toEqual(bob.policy.permissions);
  });

  it('refuses duplicate names (409), unknown ids (404) and unknown permissions (400)', async () => {
    expect((await admin('POST', '/roles', { name: 'employee' })).status).toBe(409);
    expect((await admin('POST', '/permissions', { name: 'read:timesheets' })).status).toBe(409);
    expect((await admin('POST', '/users', { email: 'alice@exampleco.test' })).status).toBe(409);
    expect((await admin('GET', `/roles/${randomUUID()}`)).status).toBe(404);
    expect((await admin('PUT', `/users/${alice.userId}/roles/${randomUUID()}`)).status).toBe(404);
    expect((await admin('GET', '/roles/not-a-uuid')).status).toBe(400);
    const bad = await admin<{ message: string[] }>('POST', '/roles', { name: 'x', permissions: ['no:such'] });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join()).toMatch(/no:such/);
    expect((await admin('POST', '/roles', { name: 'x', extra: 1 })).status).toBe(400);
    // a change that changes nothing leaves no audit row either
    await env.unchanged(async () => {
      const same = await admin<RoleDto>('PATCH', `/roles/${roles['employee'].id}`, { name: 'employee' });
      expect(same.status).toBe(200);
    });
  });

  it('builds nested groups and gives a member of the innermost group the roles of every ancestor', async () => {
    for (const name of ['reader', 'approver']) {
      const perm = name === 'reader' ? ['read:timesheets'] : ['approve:timesheets'];
      const res = await admin<RoleDto>('POST', '/roles', { name, permissions: perm });
      expect(res.status).toBe(201);
      roles[name] = res.body;
    }
    const create = async (name: string, parentId: string | null) => {
      const res = await admin<GroupDto>('POST', '/groups', { name, parentId });
      expect(res.status).toBe(201);
      groups[name] = res.body;
    };
    await create('Company', null);
    await create('Engineering', groups['Company'].id);
    await create('Platform', groups['Engineering'].id);
    await create('Finance', groups['Company'].id);
    expect((await admin('PUT', `/groups/${groups['Company'].id}/roles/${roles['reader'].id}`)).status).toBe(200);
    expect((await admin('PUT', `/groups/${groups['Engineering'].id}/roles/${roles['approver'].id}`)).status).toBe(200);
    const member = await admin<GroupDetailDto>('PUT', `/groups/${groups['Platform'].id}/members/${dave.userId}`);
    expect(member.status).toBe(200);
    expect(member.body.members.map((u) => u.id)).toEqual([dave.userId]);

    const me = await api.call<MeResponse>('GET', '/me', dave.token);
    expect(me.body.groups).toEqual(['Company', 'Engineering', 'Platform']);
    expect(me.body.roles).toEqual(['approver', 'reader']);
    expect(me.body.scopes).toEqual(['approve:timesheets', 'read:timesheets']);
    expect((await api.call('GET', '/timesheets', dave.token)).status).toBe(200);
    expect((await api.call('GET', '/approvals', dave.token)).status).toBe(200);
    expect(
      (await api.call('POST', '/timesheets', dave.token, { date: '2026-11-23', project: 'X', hours: 1 })).status,
    ).toBe(403);

    const company = await admin<GroupDetailDto>('GET', `/groups/${groups['Company'].id}`);
    expect(company.body.children.map((g) => g.name)).toEqual(['Engineering', 'Finance']);
    expect(company.body.members).toEqual([]);
    expect(company.body.allMembers).toEqual([
      { user: expect.objectContaining({ id: dave.userId }), via: ['Platform', 'Engineering'] },
    ]);
    const readers = await admin<RoleMembersDto>('GET', `/roles/${roles['reader'].id}/members`);
    expect(readers.body).toEqual({
      direct: [],
      viaGroups: [{ user: expect.objectContaining({ id: dave.userId }), groups: ['Company'] }],
    });
  });

  it('explains each effective permission with its role and group chain', async () => {
    await admin('PUT', `/users/${dave.userId}/roles/${roles['reader'].id}`);
    const detail = await admin<UserDetailDto>('GET', `/users/${dave.userId}`);
    expect(detail.body.roles.map((r) => r.name)).toEqual(['reader']);
    expect(detail.body.groups.map((g) => g.name)).toEqual(['Platform']);
    expect(detail.body.effectivePermissions).toEqual([
      { permission: 'approve:timesheets', sources: [{ role: 'approver', via: ['Platform', 'Engineering'] }] },
      {
        permission: 'read:timesheets',
        sources: [
          { role: 'reader', via: [] },
          { role: 'reader', via: ['Platform', 'Engineering', 'Company'] },
        ],
      },
    ]);
  });

  it('previews the access a change of roles and groups would give, changing nothing', async () => {
    const preview = (id: string, body: unknown) => admin<AccessPreviewDto>('POST', `/users/${id}/access-preview`, body);
    const before = (await admin<UserDetailDto>('GET', `/users/${dave.userId}`)).body;
    await env.unchanged(async () => {
      // Dave without his direct reader role: the groups still give both permissions.
      const noRole = await preview(dave.userId, { roleIds: [], groupIds: [groups['Platform'].id] });
      expect(noRole.status).toBe(200);
      expect(noRole.body.removed).toEqual([]);
      expect(noRole.body.belowGroupDefaults).toEqual([]);
      expect(noRole.body.effectivePermissions.map((p) => p.permission)).toEqual([
        'approve:timesheets',
        'read:timesheets',
      ]);
      // Out of Platform into Finance (under Company only): approving goes, below what his groups give now.
      const moved = await preview(dave.userId, { roleIds: [], groupIds: [groups['Finance'].id] });
      expect(moved.body).toMatchObject({
        added: [],
        removed: ['approve:timesheets'],
        belowGroupDefaults: ['approve:timesheets'],
      });
      expect(moved.body.effectivePermissions).toEqual([
        { permission: 'read:timesheets', sources: [{ role: 'reader', via: ['Finance', 'Company'] }] },
      ]);
      // Nothing at all: no permission left, every group default lost.
      const nothing = await preview(dave.userId, { roleIds: [], groupIds: [] });
      expect(nothing.body).toEqual({
        effectivePermissions: [],
        added: [],
        removed: ['approve:timesheets', 'read:timesheets'],
        belowGroupDefaults: ['approve:timesheets', 'read:timesheets'],
        refusal: null,
      });
      // Alice's only role gone: nothing left (she has no group).
      const alone = await preview(alice.userId, { roleIds: [], groupIds: [] });
      expect(alone.body.effectivePermissions).toEqual([]);
      expect(alone.body.removed).toEqual(sorted(SEEDED_ROLES.employee.permissions));
      expect(alone.body.belowGroupDefaults).toEqual([]);
      // Unknown ids, bad shapes, an unknown user; and not for someone who may not change users.
      expect((await preview(dave.userId, { roleIds: [randomUUID()], groupIds: [] })).status).toBe(400);
      expect((await preview(dave.userId, { roleIds: ['x'], groupIds: [] })).status).toBe(400);
      expect((await preview(dave.userId, { roleIds: [] })).status).toBe(400);
      expect((await preview(randomUUID(), { roleIds: [], groupIds: [] })).status).toBe(404);
      expect(
        (
          await api.call('POST', `/admin/users/${dave.userId}/access-preview`, alice.token, {
            roleIds: [],
            groupIds: [],
          })
        ).status,
      ).toBe(403);
    });
    expect((await admin<UserDetailDto>('GET', `/users/${dave.userId}`)).body).toEqual(before);
  });

  it('refuses a nesting cycle (400) and changes nothing', async () => {
    await env.unchanged(async () => {
      for (const parent of ['Platform', 'Engineering', 'Company']) {
        const res = await admin<{ message: string[] }>('PATCH', `/groups/${groups['Company'].id}`, {
          parentId: groups[parent].id,
        });
        expect(res.status).toBe(400);
        expect(res.body.message.join()).toMatch(/ancestor/);
      }
    });
  });

  it('moving a group changes what its members inherit on their next request', async () => {
    const moved = await admin<GroupDto>('PATCH', `/groups/${groups['Platform'].id}`, {
      parentId: groups['Finance'].id,
    });
    expect(moved.status).toBe(200);
    const me = await api.call<MeResponse>('GET', '/me', dave.token);
    expect(me.body.groups).toEqual(['Company', 'Finance', 'Platform']);
    expect((await api.call('GET', '/approvals', dave.token)).status).toBe(403);
    await admin('PATCH', `/groups/${groups['Platform'].id}`, { parentId: groups['Engineering'].id });
    expect((await api.call('GET', '/approvals', dave.token)).status).toBe(200);
  });

  it('removing a role from a user stops their very next request (403), and giving it back restores it', async () => {
    expect((await api.call('GET', '/timesheets', alice.token)).status).toBe(200);
    const removed = await admin<UserDetailDto>('DELETE', `/users/${alice.userId}/roles/${roles['employee'].id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.effectivePermissions).toEqual([]);
    expect((await api.call('GET', '/timesheets', alice.token)).status).toBe(403);
    expect((await api.policy({ subject: alice.sub, issuer: env.issuer.issuer })).body.permissions).toEqual([]);
    await admin('PUT', `/users/${alice.userId}/roles/${roles['employee'].id}`);
    expect((await api.call('GET', '/timesheets', alice.token)).status).toBe(200);
  });

  it('a blocked user is denied everything, and the policy says so', async () => {
    const blocked = await admin<UserDetailDto>('POST', `/users/${bob.userId}/block`);
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ blocked: true, effectivePermissions: [] });
    expect((await api.call('GET', '/timesheets', bob.token)).status).toBe(403);
    expect((await api.call('GET', '/approvals', bob.token)).status).toBe(403);
    const policy = await api.policy({ subject: bob.sub, issuer: env.issuer.issuer });
    expect(policy.body).toMatchObject({ blocked: true, permissions: [] });
    expect((await admin('POST', `/users/${bob.userId}/unblock`)).status).toBe(200);
    expect((await api.call('GET', '/approvals', bob.token)).status).toBe(200);
  });

  it('protects the last admin: no change may leave nobody holding every admin permission (409, nothing changed)', async () => {
    await env.unchanged(async () => {
      const attempts: [string, string, unknown?][] = [
        ['POST', `/users/${carol.userId}/block`],
        ['DELETE', `/users/${carol.userId}/roles/${roles['admin'].id}`],
        ['DELETE', `/roles/${roles['admin'].id}`],
        ['PUT', `/roles/${roles['admin'].id}/permissions`, { permissions: ['read:users'] }],
        [
          'DELETE',
          `/permissions/${(await admin<PermissionDto[]>('GET', '/permissions')).body.find((p) => p.name === 'read:audit')?.id}?cascade=true`,
        ],
      ];
      for (const [method, path, body] of attempts) {
        const res = await admin<{ message: string }>(method, path, body);
        expect({ path, status: res.status }).toEqual({ path, status: 409 });
        expect(res.body.message).toMatch(/admin/);
      }
    });
    // With a second admin (through a group) the first may lose the role.
    const ops = await admin<GroupDto>('POST', '/groups', { name: 'Ops' });
    await admin('PUT', `/groups/${ops.body.id}/roles/${roles['admin'].id}`);
    await admin('PUT', `/groups/${ops.body.id}/members/${dave.userId}`);
    const daveAdmin = (path: string) => api.call('GET', `/admin${path}`, dave.token);
    expect((await daveAdmin('/roles')).status).toBe(200);
    expect((await api.call('POST', `/admin/users/${carol.userId}/block`, dave.token)).status).toBe(200);
    expect((await admin('GET', '/roles')).status).toBe(403);
    expect((await api.call('POST', `/admin/users/${carol.userId}/unblock`, dave.token)).status).toBe(200);
    expect((await admin('DELETE', `/groups/${ops.body.id}`)).status).toBe(204);
    expect((await daveAdmin('/roles')).status).toBe(403);
  });

  it('permissions: create, rename, refuse deleting one in use (409) unless cascade', async () => {
    const created = await admin<PermissionDto>('POST', '/permissions', {
      name: 'export:timesheets',
      description: 'Export',
    });
    expect(created.status).toBe(201);
    const renamed = await admin<PermissionDto>('PATCH', `/permissions/${created.body.id}`, { name: 'export:reports' });
    expect(renamed.body).toMatchObject({ id: created.body.id, name: 'export:reports', description: 'Export' });
    await admin('PUT', `/roles/${roles['reader'].id}/permissions`, {
      permissions: ['read:timesheets', 'export:reports'],
    });
    await env.unchanged(async () => {
      expect((await admin('DELETE', `/permissions/${created.body.id}`)).status).toBe(409);
    });
    expect((await admin('DELETE', `/permissions/${created.body.id}?cascade=true`)).status).toBe(204);
    expect((await admin<RoleDto>('GET', `/roles/${roles['reader'].id}`)).body.permissions).toEqual(['read:timesheets']);
  });

  it('users: search and keyset paging', async () => {
    const all = await admin<Page<UserSummaryDto>>('GET', '/users?limit=100');
    expect(all.body.items.length).toBeGreaterThanOrEqual(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page<UserSummaryDto> } = await admin<Page<UserSummaryDto>>(
        'GET',
        `/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((u) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((u) => u.id));
    const found = await admin<Page<UserSummaryDto>>('GET', '/users?q=ALICE');
    expect(found.body.items.map((u) => u.email)).toEqual(['alice@exampleco.test']);
    expect((await admin<Page<UserSummaryDto>>('GET', '/users?q=%25')).body.items).toEqual([]);
    expect((await admin('GET', '/users?limit=0')).status).toBe(400);
  });

  it('records every change in the audit log, with actor, target, before and after, newest first', async () => {
    // A timesheet approval is audited too (the timesheets service records through the same AuditRecorder): bob
    // manages a team with alice in it, alice submits her week, bob approves an entry.
    const project = await admin<{ id: string }>('POST', '/projects', { code: 'AUDIT', name: 'Audited work' });
    const team = await admin<GroupDto>('POST', '/groups', { name: 'Audit team' });
    await admin('PUT', `/groups/${team.body.id}/members/${alice.userId}`);
    expect((await admin('PUT', `/groups/${team.body.id}/managers/${bob.userId}`)).status).toBe(200);
    const entry = await api.call<{ id: string }>('POST', '/timesheets', alice.token, {
      date: '2026-11-23',
      projectId: project.body.id,
      hours: 2,
    });
    expect(entry.status).toBe(201);
    expect((await api.call('POST', '/weeks/2026-W48/submit', alice.token)).status).toBe(200);
    expect((await api.call('POST', `/timesheets/${entry.body.id}/approve`, bob.token)).status).toBe(200);

    const all: AuditEntryDto[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Page<AuditEntryDto> } = await admin<Page<AuditEntryDto>>(
        'GET',
        `/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    const ats = all.map((a) => a.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const actions = new Set(all.map((a) => a.action));
    for (const action of [
      'user.claim',
      'user.create',
      'user.provision',
      'user.add_role',
      'user.remove_role',
      'user.block',
      'user.unblock',
      'role.create',
      'role.set_permissions',
      'group.create',
      'group.update',
      'group.delete',
      'group.add_role',
      'group.add_member',
      'group.add_manager',
      'project.create',
      'permission.create',
      'permission.update',
      'permission.delete',
      'timesheet.create',
      'timesheet.submit_week',
      'timesheet.approve',
    ]) {
      expect(actions).toContain(action);
    }
    // Refused changes left no trace.
    expect(all.filter((a) => a.targetId === roles['admin'].id)).toEqual([]);

    const created = await admin<Page<AuditEntryDto>>('GET', `/audit?action=role.create&targetId=${roles['reader'].id}`);
    expect(created.body.items).toEqual([
      expect.objectContaining({
        actorId: carol.sub,
        actorName: 'Carol Admin',
        targetType: 'role',
        before: null,
        after: expect.objectContaining({ name: 'reader', permissions: ['read:timesheets'] }),
      }),
    ]);
    const removed = await admin<Page<AuditEntryDto>>('GET', `/audit?action=user.remove_role&targetId=${alice.userId}`);
    expect(removed.body.items[0]).toMatchObject({ before: { role: 'employee' }, after: null });
    const future = await admin<Page<AuditEntryDto>>('GET', '/audit?from=2100-01-01');
    expect(future.body.items).toEqual([]);
    expect((await admin('GET', '/audit?from=yesterday')).status).toBe(400);
  });

  it('export then import gives the same configuration, after changes in between', async () => {
    const exported = await admin<ConfigurationExport>('GET', '/export');
    expect(exported.status).toBe(200);
    const file = exported.body;
    expect(file.version).toBe(1);
    expect(file.groups.find((g) => g.name === 'Platform')).toEqual({
      name: 'Platform',
      description: '',
      parent: 'Engineering',
      roles: [],
      members: ['dave@exampleco.test'],
      managers: [],
    });
    expect(file.users.find((u) => u.email === 'carol@exampleco.test')).toMatchObject({
      roles: ['admin'],
      blocked: false,
    });

    await admin('DELETE', `/groups/${groups['Finance'].id}`);
    await admin('POST', '/roles', { name: 'temporary', permissions: ['read:audit'] });
    await admin('PUT', `/roles/${roles['reader'].id}/permissions`, { permissions: [] });
    await admin('POST', '/permissions', { name: 'extra:thing' });
    await admin('POST', `/users/${bob.userId}/block`);

    const imported = await admin<ConfigurationExport>('POST', '/import', file);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual(file);
    expect((await admin<ConfigurationExport>('GET', '/export')).body).toEqual(file);
    // Unchanged names keep their ids, so assignments made by id still hold.
    expect((await admin<RoleDto>('GET', `/roles/${roles['reader'].id}`)).body.permissions).toEqual(['read:timesheets']);
    expect((await api.call('GET', '/approvals', bob.token)).status).toBe(200);
    const audit = await admin<Page<AuditEntryDto>>('GET', '/audit?action=config.import');
    expect(audit.body.items).toHaveLength(1);
  });

  it('a bad import changes nothing (400 for a broken file, 409 for one that locks every admin out)', async () => {
    const file = (await admin<ConfigurationExport>('GET', '/export')).body;
    const broken: unknown[] = [
      { ...file, version: 2 },
      { ...file, roles: [...file.roles, { name: 'r', description: '', permissions: ['no:such'] }] },
      {
        ...file,
        groups: [
          ...file.groups,
          { name: 'A', description: '', parent: 'B', roles: [], members: [] },
          { name: 'B', description: '', parent: 'A', roles: [], members: [] },
        ],
      },
      { ...file, permissions: [...file.permissions, file.permissions[0]] },
      { ...file, users: [{ email: 'not-an-email', name: null, blocked: false, roles: [], groups: [] }] },
      { ...file, groups: [{ name: 'G', description: '', parent: null, roles: [], members: ['nobody@x.test'] }] },
    ];
    await env.unchanged(async () => {
      for (const body of broken) expect((await admin('POST', '/import', body)).status).toBe(400);
      const lockout = {
        ...file,
        users: file.users.map((u) => ({ ...u, roles: u.roles.filter((r) => r !== 'admin') })),
      };
      expect((await admin('POST', '/import', lockout)).status).toBe(409);
    });
  });

  it('concurrent changes: each commits once, a name raced twice gets one 201 and one 409', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `parallel-${i}`);
    const created = await Promise.all(
      names.map((name) => admin('POST', '/roles', { name, permissions: ['read:audit'] })),
    );
    expect(created.map((r) => r.status)).toEqual(names.map(() => 201));
    const raced = await Promise.all([1, 2].map(() => admin('POST', '/groups', { name: 'Raced' })));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    const audit = await admin<Page<AuditEntryDto>>('GET', '/audit?action=group.create&limit=100');
    expect(audit.body.items.filter((a) => (a.after as GroupDto).name === 'Raced')).toHaveLength(1);
  });

  it('deleting a role or group removes it from everyone, who loses it on the next request', async () => {
    const temp = await admin<RoleDto>('POST', '/roles', { name: 'auditor', permissions: ['read:audit'] });
    await admin('PUT', `/users/${alice.userId}/roles/${temp.body.id}`);
    expect((await api.call('GET', '/admin/audit', alice.token)).status).toBe(200);
    expect((await admin('DELETE', `/roles/${temp.body.id}`)).status).toBe(204);
    expect((await api.call('GET', '/admin/audit', alice.token)).status).toBe(403);
    expect((await admin('GET', `/roles/${temp.body.id}`)).status).toBe(404);

    expect((await admin('DELETE', `/groups/${groups['Engineering'].id}`)).status).toBe(204);
    const platform = await admin<GroupDto>('GET', `/groups/${groups['Platform'].id}`);
    expect(platform.body.parentId).toBe(groups['Company'].id);
    expect((await api.call('GET', '/approvals', dave.token)).status).toBe(403);
    expect((await api.call('GET', '/timesheets', dave.token)).status).toBe(200);
  });
});
