import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for a test: a sqlite file in a temp directory, or, when `postgresUrl` is given (CI sets
 * TEST_POSTGRES_URL), a new database on that server, dropped afterwards.
 */
export async function createThrowawayDatabase(postgresUrl?: string): Promise<ThrowawayDatabase> {
  if (!postgresUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'idp-db-'));
    return {
      url: `sqlite:${join(dir, 'idp.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  // pg is a dependency of the workspace already (TypeORM's PostgreSQL driver).
  const { Client } = require('pg') as typeof import('pg');
  const name = `idp_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
