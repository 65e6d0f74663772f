import { DataSource } from 'typeorm';
import { dataSourceOptions, parseDatabaseUrl } from '@timesheets/server-core';
import { TIMESHEETS_MIGRATIONS } from '@timesheets/api-timesheets';
import { AUTHZ_MIGRATIONS } from '@timesheets/api-authz';
import { REPORTS_MIGRATIONS } from '@timesheets/api-reports';
import { createTestDatabase, databaseEngines, startTestApi, startTestIssuer } from '@timesheets/api-testing';

const IMPORTS = 'CreateImportRequests1765600000000';

/** The migrations of main before the import (issue 16's reports included): the database it made. */
const BEFORE = [...TIMESHEETS_MIGRATIONS, ...AUTHZ_MIGRATIONS, ...REPORTS_MIGRATIONS].filter((m) => m.name !== IMPORTS);

/**
 * A database already at the reports' migrations, newer than the import's: TypeORM runs every migration not yet
 * recorded, older ones too, so starting the API adds the idempotency table and nothing else.
 */
describe.each(databaseEngines())('imports upgrade a database made after the reports (%s)', (engine) => {
  it('runs the older import migration on start', async () => {
    const issuer = await startTestIssuer();
    const database = await createTestDatabase(engine);
    try {
      const old = await new DataSource(
        dataSourceOptions(parseDatabaseUrl(database.url), { entities: [], migrations: BEFORE }),
      ).initialize();
      await old.runMigrations();
      const before: { name: string }[] = await old.query('SELECT name FROM migrations ORDER BY id');
      expect(before.map((r) => r.name)).toContain('Reports1766100000000');
      expect(before.map((r) => r.name)).not.toContain(IMPORTS);
      await old.destroy();

      const api = await startTestApi({
        AUTH_ISSUER: issuer.issuer,
        AUTH_AUDIENCE: issuer.audience,
        AUTH_JWKS_URI: issuer.jwksUri,
        DATABASE_URL: database.url,
        AUTHZ_TRUST_TOKEN_SCOPES: 'true',
      });
      try {
        const ran: { name: string }[] = await api.db.query('SELECT name FROM migrations ORDER BY id');
        expect(ran.map((r) => r.name)).toEqual([...before.map((r) => r.name), IMPORTS]);
        expect(await api.db.showMigrations()).toBe(false);
        const runner = api.db.createQueryRunner();
        const table = await runner.getTable('timesheet_import_requests').finally(() => runner.release());
        expect(table?.columns.map((c) => c.name).sort()).toEqual([
          'body_hash',
          'client_id',
          'created_at',
          'idempotency_key',
          'response',
        ]);
        expect(table?.indices.map((i) => i.name)).toContain('idx_timesheet_import_requests_created');
      } finally {
        await api.close();
      }
    } finally {
      await issuer.close();
      await database.drop();
    }
  });
});
