import {
  addDays,
  type ApiError,
  type CustomerDto,
  type GroupDto,
  isoWeekOf,
  type ProjectDto,
  type RoleDto,
  type UserSummaryDto,
  weekDays,
} from '@timesheets/contracts';
import type { HttpResult } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';
import { authzClient, type Person, POLICY_KEY } from '../authz/authz-support';

export const ADMIN_EMAIL = 'admin@e2e.test';

/** Today's date as the API sees it (UTC), and weeks relative to it. */
export const today = () => new Date().toISOString().slice(0, 10);
export const weekAgo = (n: number) => isoWeekOf(addDays(today(), -7 * n));
export const dayOf = (week: string, i: number) => weekDays(week)[i];

export type Role = 'employee' | 'manager' | 'admin' | 'payroll';

/**
 * A running API with the authorization service (people sign in through the policy endpoint; a request gets the
 * token's scopes ∩ the person's current permissions) and an admin to set up groups, managers and projects.
 */
export interface World {
  env: E2eEnv;
  api: ReturnType<typeof authzClient>;
  admin: Person;
  call<T = unknown>(method: string, path: string, who: Person, body?: unknown): Promise<HttpResult<T>>;
  person(name: string, role?: Role): Promise<Person>;
  group(name: string, parent?: GroupDto | null): Promise<GroupDto>;
  member(group: GroupDto, who: Person): Promise<void>;
  manager(group: GroupDto, who: Person): Promise<void>;
  customer(name: string): Promise<CustomerDto>;
  project(code: string, options?: { customer?: CustomerDto; groups?: GroupDto[]; name?: string }): Promise<ProjectDto>;
  close(): Promise<void>;
}

export async function startWorld(engine: 'sqlite' | 'postgres', extraEnv: Record<string, string> = {}): Promise<World> {
  const env = await startE2eEnv(engine, {
    AUTHZ_POLICY_KEY: POLICY_KEY,
    AUTHZ_BOOTSTRAP_ADMINS: ADMIN_EMAIL,
    ...extraEnv,
  });
  const api = authzClient(env);
  const admin = await api.signIn(ADMIN_EMAIL, 'Ada Admin');
  const roles = new Map(
    (await api.call<RoleDto[]>('GET', '/admin/roles', admin.token)).body.map((r) => [r.name, r.id]),
  );
  const ok = <T>(res: HttpResult<T>, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res.body;
  };
  const call = <T>(method: string, path: string, who: Person, body?: unknown) =>
    api.call<T>(method, path, who.token, body);
  return {
    env,
    api,
    admin,
    call,
    async person(name, role = 'employee') {
      const email = `${name.toLowerCase().replace(/\s+/g, '.')}@e2e.test`;
      const user = ok(await call<UserSummaryDto>('POST', '/admin/users', admin, { email, name }), `provision ${email}`);
      ok(await call('PUT', `/admin/users/${user.id}/roles/${roles.get(role)}`, admin), `role of ${email}`);
      return api.signIn(email, name);
    },
    async group(name, parent = null) {
      return ok(
        await call<GroupDto>('POST', '/admin/groups', admin, { name, parentId: parent?.id ?? null }),
        `group ${name}`,
      );
    },
    async member(group, who) {
      ok(await call('PUT', `/admin/groups/${group.id}/members/${who.userId}`, admin), `member of ${group.name}`);
    },
    async manager(group, who) {
      ok(await call('PUT', `/admin/groups/${group.id}/managers/${who.userId}`, admin), `manager of ${group.name}`);
    },
    async customer(name) {
      return ok(await call<CustomerDto>('POST', '/admin/customers', admin, { name }), `customer ${name}`);
    },
    async project(code, options = {}) {
      return ok(
        await call<ProjectDto>('POST', '/admin/projects', admin, {
          code,
          name: options.name ?? `Project ${code}`,
          customerId: options.customer?.id ?? null,
          billable: true,
          allowedGroupIds: (options.groups ?? []).map((g) => g.id),
        }),
        `project ${code}`,
      );
    },
    close: () => env.close(),
  };
}

/** The field paths of a 400's field errors. */
export const fields = (res: HttpResult<unknown>) => ((res.body as ApiError).errors ?? []).map((e) => e.field);

export type { Person };
