import {
  createTestDatabase,
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
