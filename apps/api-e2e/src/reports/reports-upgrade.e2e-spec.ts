import { DataSource } from 'typeorm';
import { type HoursReport, SEEDED_ROLES } from '@timesheets/contracts';
import { dataSourceOptions, parseDatabaseUrl } from '@timesheets/server-core';
import { TIMESHEETS_MIGRATIONS } from '@timesheets/api-timesheets';
import { AUTHZ_MIGRATIONS } from '@timesheets/api-authz';
import { createTestDatabase, databaseEngines, http, startTestApi, startTestIssuer } from '@timesheets/api-testing';
import { insertEntries, sqlFor } from './reports-support';

/** The migrations of main before reports (issue 16): the database it made. */
const BEFORE = [
  ...TIMESHEETS_MIGRATIONS,
  ...AUTHZ_MIGRATIONS.filter((m) => m.name !== 'SeedReportScopes1766000000000'),
];

/**
 * An existing database (issue 15's schema, with entries and a group) upgraded by starting the API: the reports'
 * index, the groups' work weeks, read:reports for the admin role and the payroll role appear, and nothing is lost.
 */
describe.each(databaseEngines())('reports upgrade an existing database (%s)', (engine) => {
  it('adds the index, the work weeks, read:reports and the payroll role', async () => {
    const issuer = await startTestIssuer();
    const database = await createTestDatabase(engine);
    try {
      const old = await new DataSource(
        dataSourceOptions(parseDatabaseUrl(database.url), { entities: [], migrations: BEFORE }),
      ).initialize();
      await old.runMigrations();
      const projectId = '00000000-0000-4000-8000-000000000001';
      const now = new Date().toISOString();
      await old.query(
        sqlFor(
          old,
          'INSERT INTO projects (id, code, name, billable, archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ),
        [
          projectId,
          'OLD',
          'Old project',
          engine === 'postgres' ? true : 1,
          engine === 'postgres' ? false : 0,
          now,
          now,
        ],
      );
      await insertEntries(old, [
        {
          ownerId: 'old-1',
          ownerName: 'Old One',
          date: '2026-03-02',
          projectId,
          hours: 7.5,
          status: 'approved',
          notes: null,
        },
        {
          ownerId: 'old-2',
          ownerName: 'Old Two',
          date: '2026-03-03',
          projectId,
          hours: 2.25,
          status: 'pending',
          notes: null,
        },
      ]);
      await old.destroy();

      const api = await startTestApi({
        AUTH_ISSUER: issuer.issuer,
        AUTH_AUDIENCE: issuer.audience,
        AUTH_JWKS_URI: issuer.jwksUri,
        DATABASE_URL: database.url,
        AUTHZ_TRUST_TOKEN_SCOPES: 'true',
      });
      try {
        const ran: { name: string }[] = await api.db.query('SELECT name FROM migrations');
        expect(ran.map((r) => r.name)).toEqual(
          expect.arrayContaining([
            'SeedReportScopes1766000000000',
            'Reports1766100000000',
            'ReportsIndexes1766200000000',
          ]),
        );
        const indexes: { name: string }[] = await api.db.query(
          engine === 'postgres'
            ? "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'timesheet_entries'"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'timesheet_entries'",
        );
        expect(indexes.map((i) => i.name)).toEqual(
          expect.arrayContaining(['idx_timesheet_entries_report', 'idx_timesheet_entries_report_owner_month']),
        );
        expect(indexes.map((i) => i.name)).not.toContain('idx_timesheet_entries_report_owner');
        expect(await api.db.query('SELECT COUNT(*) AS n FROM group_work_weeks')).toEqual([
          { n: engine === 'postgres' ? '0' : 0 },
        ]);
        const permissionsOf = async (role: string) =>
          (
            (await api.db.query(
              sqlFor(
                api.db,
                'SELECT p.name FROM authz_roles r JOIN authz_role_permissions rp ON rp.role_id = r.id ' +
                  'JOIN authz_permissions p ON p.id = rp.permission_id WHERE r.name = ? ORDER BY p.name',
              ),
              [role],
            )) as { name: string }[]
          ).map((p) => p.name);
        expect(await permissionsOf('payroll')).toEqual([...SEEDED_ROLES.payroll.permissions].sort());
        expect(await permissionsOf('admin')).toContain('read:reports');
        const res = await http<HoursReport>(
          'GET',
          `${api.url}/reports/hours?from=2026-03-01&to=2026-03-31&groupBy=person`,
          { token: issuer.mint('payroll-person', 'read:reports') },
        );
        expect(res.status).toBe(200);
        expect(res.body.rows.map((r) => [r.keys[0].id, r.hours])).toEqual([
          ['old-1', 7.5],
          ['old-2', 2.25],
        ]);
        expect(res.body.totals).toEqual({ hours: 9.75, entries: 2 });
      } finally {
        await api.close();
      }
    } finally {
      await issuer.close();
      await database.drop();
    }
  });
});
