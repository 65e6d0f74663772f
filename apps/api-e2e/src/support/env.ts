import {
  type GroupDto,
  isoWeekOf,
  POLICY_API_KEY_HEADER,
  type PolicyResponse,
  type ProjectDto,
} from '@timesheets/contracts';
import {
  createTestDatabase,
  http,
  startTestApi,
  startTestIssuer,
  snapshotDatabase,
  type TestApi,
  type TestDatabase,
  type TestIssuer,
} from '@timesheets/api-testing';

export interface E2eEnv {
  issuer: TestIssuer;
  api: TestApi;
  database: TestDatabase;
  /** Runs `action` and asserts that no row of any table changed. */
  unchanged<T>(action: () => Promise<T>): Promise<T>;
  /** Every row of every table, as text: equal snapshots mean nothing changed. */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

/** A real API (HTTP, database file or PostgreSQL database) trusting a real test issuer. */
export async function startE2eEnv(engine: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<E2eEnv> {
  const issuer = await startTestIssuer();
  const database = await createTestDatabase(engine);
  const api = await startTestApi({
    AUTH_ISSUER: issuer.issuer,
    AUTH_AUDIENCE: issuer.audience,
    AUTH_JWKS_URI: issuer.jwksUri,
    DATABASE_URL: database.url,
    ...env,
  });
  return {
    issuer,
    api,
    database,
    snapshot: () => snapshotDatabase(api.db),
    async unchanged<T>(action: () => Promise<T>): Promise<T> {
      const before = await snapshotDatabase(api.db);
      const result = await action();
      expect(await snapshotDatabase(api.db)).toEqual(before);
      return result;
    },
    async close() {
      await api.close();
      await issuer.close();
      await database.drop();
    },
  };
}

/**
 * Creates a project open to everyone through the admin API and returns its id. With AUTHZ_TRUST_TOKEN_SCOPES=true
 * (a minted token's manage:projects is trusted); other suites set projects up as an admin who signed in.
 */
export async function createProject(env: E2eEnv, code = 'E2E', name = `Project ${code}`): Promise<string> {
  const token = env.issuer.mint('e2e-project-admin', 'manage:projects');
  const res = await http<ProjectDto>('POST', `${env.api.url}/admin/projects`, { token, body: { code, name } });
  if (res.status !== 201) throw new Error(`creating project ${code}: ${res.status} ${res.text}`);
  return res.body.id;
}

/** Past dates, one per call, going back a day at a time: entries that never meet the daily maximum or the lock. */
export function dayCounter(start = '2026-11-20'): () => string {
  let n = 0;
  return () => new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000 * n++).toISOString().slice(0, 10);
}

/** The policy key the suites that sign people in give the API (AUTHZ_POLICY_KEY). */
export const E2E_POLICY_KEY = 'e2e-policy-key-0123456789abcdef';

/**
 * Makes `manager` the manager of a new group of `members` (token subjects of the test issuer), as the policy endpoint
 * and the admin API would: each subject becomes a user, then the group, its members and its manager are set. Needs
 * AUTHZ_POLICY_KEY=E2E_POLICY_KEY and AUTHZ_TRUST_TOKEN_SCOPES=true. Returns each subject's user id.
 */
export async function teamUp(env: E2eEnv, manager: string, members: string[], name = `Team of ${manager}`) {
  const ids = new Map<string, string>();
  for (const subject of [manager, ...members]) {
    const res = await http<PolicyResponse>('POST', `${env.api.url}/authz/policy`, {
      body: { subject, issuer: env.issuer.issuer, email: null, name: subject },
      headers: { [POLICY_API_KEY_HEADER]: E2E_POLICY_KEY },
    });
    if (res.status !== 200) throw new Error(`policy for ${subject}: ${res.status} ${res.text}`);
    ids.set(subject, res.body.userId);
  }
  const token = env.issuer.mint('e2e-team-admin', 'create:groups update:groups');
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const res = await http<T>(method, `${env.api.url}${path}`, { token, body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  const group = await call<GroupDto>('POST', '/admin/groups', { name });
  for (const m of members) await call('PUT', `/admin/groups/${group.id}/members/${ids.get(m)}`);
  await call('PUT', `/admin/groups/${group.id}/managers/${ids.get(manager)}`);
  return ids;
}

/** Submits the week of `date` for the token's subject. */
export async function submitWeekOf(env: E2eEnv, token: string, date: string): Promise<void> {
  const res = await http('POST', `${env.api.url}/weeks/${isoWeekOf(date)}/submit`, { token });
  if (res.status !== 200) throw new Error(`submit ${date}: ${res.status} ${res.text}`);
}
