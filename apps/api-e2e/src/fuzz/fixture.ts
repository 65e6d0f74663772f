import {
  ALL_SCOPES,
  isoWeekOf,
  type MeResponse,
  type PermissionDto,
  type RoleDto,
  type TimesheetEntry,
  type UserSummaryDto,
} from '@timesheets/contracts';
import type { E2eEnv } from '../support/env';
import { authzClient } from '../authz/authz-support';

export interface FuzzActor {
  /** A token asking for every scope, of a user whose roles grant every scope (so the requests get them all). */
  token: string;
  /** The token's subject. */
  subject: string;
  /** Ids the actor's own access hangs on (its user, its roles, their permissions): writes never target them. */
  protectedIds: ReadonlySet<string>;
  /** Puts the configuration back as it was after setup when a fuzzed write took the actor's access. */
  ensureAccess(): Promise<void>;
}

/** Longer than the suite can run (each property stops after 2 minutes; see inputs.e2e-spec.ts). */
const FUZZ_TOKEN_LIFETIME_SECONDS = 4 * 60 * 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every UUID and every `nextCursor` anywhere in a response body. */
export function harvest(value: unknown, ids: Set<string>, cursors: Set<string>): void {
  if (typeof value === 'string') {
    if (UUID.test(value)) ids.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) harvest(v, ids, cursors);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'nextCursor' && typeof v === 'string') cursors.add(v);
      else harvest(v, ids, cursors);
    }
  }
}

/**
 * The fuzzing actor and some data for ids to point at: the demo admin, given the manager role too, so that a token
 * asking for every scope gets every scope through the authorization service's effective-permissions check; projects;
 * entries of every status, owned by the actor and by others (the actor manages the others' group); a nested group, a
 * role and a permission of its own; a period lock.
 */
export async function setUpFuzzFixture(env: E2eEnv): Promise<FuzzActor> {
  const api = authzClient(env);
  const ok = async <T>(method: string, path: string, token: string, body?: unknown): Promise<T> => {
    const res = await api.call<T>(method, path, token, body);
    if (res.status >= 300) throw new Error(`fuzz fixture: ${method} ${path} answered ${res.status}: ${res.text}`);
    return res.body;
  };
  // The actor's token serves the whole suite, which runs for many minutes on a loaded machine: with the test issuer's
  // default 5 minutes, later properties (and ensureAccess) got 401s instead of exercising the routes.
  const carol = await api.signIn('carol@exampleco.test', 'Carol Admin', undefined, {
    tokenLifetimeSeconds: FUZZ_TOKEN_LIFETIME_SECONDS,
  });
  const alice = await api.signIn('alice@exampleco.test', 'Alice Employee');
  await api.signIn('bob@exampleco.test', 'Bob Manager');
  const roles = await ok<RoleDto[]>('GET', '/admin/roles', carol.token);
  const byName = (name: string) => roles.find((r) => r.name === name) as RoleDto;
  await ok('PUT', `/admin/users/${carol.userId}/roles/${byName('manager').id}`, carol.token);

  const me = await ok<MeResponse>('GET', '/me', carol.token);
  if ([...me.scopes].sort().join(' ') !== [...ALL_SCOPES].sort().join(' ')) {
    throw new Error(`fuzz fixture: the actor does not get every scope (got ${me.scopes.join(' ')})`);
  }

  await ok<PermissionDto>('POST', '/admin/permissions', carol.token, { name: 'fuzz:extra', description: 'fuzz' });
  const role = await ok<RoleDto>('POST', '/admin/roles', carol.token, {
    name: 'fuzz-role',
    permissions: ['fuzz:extra'],
  });
  const parent = await ok<{ id: string }>('POST', '/admin/groups', carol.token, { name: 'fuzz-parent' });
  const child = await ok<{ id: string }>('POST', '/admin/groups', carol.token, {
    name: 'fuzz-child',
    parentId: parent.id,
  });
  await ok('PUT', `/admin/groups/${child.id}/roles/${role.id}`, carol.token);
  await ok('PUT', `/admin/groups/${child.id}/members/${alice.userId}`, carol.token);
  // carol approves alice's time: she manages the parent of alice's group.
  await ok('PUT', `/admin/groups/${parent.id}/managers/${carol.userId}`, carol.token);

  const project = (code: string) =>
    ok<{ id: string }>('POST', '/admin/projects', carol.token, { code, name: `Project ${code}` });
  const [apollo, gemini, mercury] = [await project('APOLLO'), await project('GEMINI'), await project('MERCURY')];
  const entry = (token: string, day: number, projectId: string) =>
    ok<TimesheetEntry>('POST', '/timesheets', token, {
      date: `2026-11-${10 + day}`,
      projectId,
      hours: 7.5,
      notes: 'fuzz',
    });
  const [, approved, rejected] = [
    await entry(alice.token, 1, apollo.id),
    await entry(alice.token, 2, apollo.id),
    await entry(alice.token, 3, gemini.id),
  ];
  await entry(carol.token, 4, mercury.id);
  await entry(carol.token, 5, mercury.id);
  await ok('POST', `/weeks/${isoWeekOf(approved.date)}/submit`, alice.token);
  await ok('POST', `/timesheets/${approved.id}/approve`, carol.token);
  await ok('POST', `/timesheets/${rejected.id}/reject`, carol.token, { reason: 'wrong project' });
  await ok('PUT', '/admin/period-lock', carol.token, { lockedThrough: '2026-01-31' });
  await ok<UserSummaryDto>('POST', '/admin/users', carol.token, { email: 'fuzz-user@exampleco.test', name: 'Fuzz' });

  const permissions = await ok<PermissionDto[]>('GET', '/admin/permissions', carol.token);
  const protectedIds = new Set([
    carol.userId,
    byName('admin').id,
    byName('manager').id,
    ...permissions.filter((p) => (ALL_SCOPES as readonly string[]).includes(p.name)).map((p) => p.id),
  ]);
  const configuration = await ok<unknown>('GET', '/admin/export', carol.token);

  return {
    token: carol.token,
    subject: carol.sub,
    protectedIds,
    async ensureAccess() {
      const now = await api.call<MeResponse>('GET', '/me', carol.token);
      if (now.status === 200 && now.body.scopes.length === ALL_SCOPES.length) return;
      const restored = await api.call('POST', '/admin/import', carol.token, configuration);
      const again = await api.call<MeResponse>('GET', '/me', carol.token);
      if (again.status !== 200 || again.body.scopes.length !== ALL_SCOPES.length) {
        throw new Error(
          `fuzz fixture: a fuzzed write took the actor's access and importing the configuration back did not restore it ` +
            `(import ${restored.status}: ${restored.text.slice(0, 200)}); protect what it removed in fixture.ts`,
        );
      }
    },
  };
}
