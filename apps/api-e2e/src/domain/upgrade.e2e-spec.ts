import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isoWeekOf, PROJECT_CODE_PATTERN, type TimesheetEntry } from '@timesheets/contracts';
import { dataSourceOptions, parseDatabaseUrl } from '@timesheets/server-core';
import { TIMESHEETS_MIGRATIONS } from '@timesheets/api-timesheets';
import { AUTHZ_MIGRATIONS } from '@timesheets/api-authz';
import { createTestDatabase, databaseEngines, http, startTestApi, startTestIssuer } from '@timesheets/api-testing';

/** The migrations of the main branch before customers, projects and weeks (issue 15): the database it made. */
const BEFORE = [TIMESHEETS_MIGRATIONS[0], AUTHZ_MIGRATIONS[0], AUTHZ_MIGRATIONS[1]];

interface OldRow {
  id: string;
  owner_id: string;
  owner_name: string | null;
  date: string;
  project: string;
  hours: number;
  notes: string | null;
  status: 'pending' | 'approved' | 'rejected';
  queue_rank: number;
  decided_by: string | null;
  decided_at: string | null;
  rejection_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

const PROJECT_TEXTS = [
  'Apollo',
  'Apollo',
  'Apollo',
  ' apollo',
  'APOLLO ',
  'Zeus',
  'Zeus',
  'Website redesign',
  'p'.repeat(100),
  'Café – "quoted" \\ 🕒',
  'x',
];
const DATES = ['2024-12-30', '2026-11-23', '2026-12-31', '2027-01-01', '2027-01-03', '2021-01-03'];
const STATUSES = ['pending', 'approved', 'rejected'] as const;

function oldRows(): OldRow[] {
  return PROJECT_TEXTS.map((project, i) => {
    const status = STATUSES[i % 3];
    const at = `2026-12-0${1 + (i % 5)}T10:0${i % 10}:00.000Z`;
    return {
      id: randomUUID(),
      owner_id: i % 2 ? 'auth0|alice' : 'bob',
      owner_name: i % 4 === 0 ? null : 'Someone',
      date: DATES[i % DATES.length],
      project,
      hours: [7.5, 0.01, 24, 8, 1.25][i % 5],
      notes: i % 3 === 0 ? null : `notes ${i} ✓`,
      status,
      queue_rank: { pending: 0, rejected: 1, approved: 2 }[status],
      decided_by: status === 'pending' ? null : 'carol',
      decided_at: status === 'pending' ? null : at,
      rejection_reason: status === 'rejected' ? 'Wrong project' : null,
      created_at: at,
      updated_at: at,
      version: 1 + (i % 3),
    };
  });
}

/**
 * A database made by the main branch before issue 15, with free-text projects, then the current API started on it:
 * every entry is kept as it was, linked to a project made from its text (trimmed, case-insensitive duplicates
 * merged), with its ISO week; the new scopes reach the seeded roles.
 */
describe.each(databaseEngines())('upgrade from a database made before projects and weeks (%s)', (engine) => {
  it('keeps every entry and links it to a project made from its free text', async () => {
    expect(BEFORE.map((m) => new m().name)).toEqual([
      'CreateTimesheetEntries1764000000000',
      'CreateAuthz1764100000000',
      'CreateAuthzState1764200000000',
    ]);
    const issuer = await startTestIssuer();
    const database = await createTestDatabase(engine);
    const rows = oldRows();
    try {
      const old = new DataSource(
        dataSourceOptions(parseDatabaseUrl(database.url), { entities: [], migrations: BEFORE }),
      );
      await old.initialize();
      const columns = Object.keys(rows[0]);
      const marks = columns.map((_, i) => (engine === 'postgres' ? `$${i + 1}` : '?')).join(', ');
      for (const row of rows)
        await old.query(`INSERT INTO timesheet_entries (${columns.join(', ')}) VALUES (${marks})`, Object.values(row));
      await old.destroy();

      const env = {
        AUTH_ISSUER: issuer.issuer,
        AUTH_AUDIENCE: issuer.audience,
        AUTH_JWKS_URI: issuer.jwksUri,
        DATABASE_URL: database.url,
        AUTHZ_TRUST_TOKEN_SCOPES: 'true',
      };
      const api = await startTestApi(env);
      try {
        const db = api.db;
        const ran: { name: string }[] = await db.query('SELECT name FROM migrations ORDER BY id');
        expect(ran.map((r) => r.name)).toEqual([
          'CreateTimesheetEntries1764000000000',
          'CreateAuthz1764100000000',
          'CreateAuthzState1764200000000',
          'SeedProjectScopes1765100000000',
          'CreateGroupManagers1765200000000',
          'ProjectsAndWeeks1765300000000',
          'CreateMachineClients1765500000000',
          'CreateImportRequests1765600000000',
          'SeedReportScopes1766000000000',
          'Reports1766100000000',
          'ReportsIndexes1766200000000',
        ]);

        const projects: { id: string; code: string; name: string; customer_id: string | null; archived: unknown }[] =
          await db.query('SELECT id, code, name, customer_id, archived FROM projects ORDER BY code');
        expect(projects.map((p) => p.name).sort()).toEqual(
          ['Apollo', 'Café – "quoted" \\ 🕒', 'Website redesign', 'Zeus', 'p'.repeat(100), 'x'].sort(),
        );
        expect(new Set(projects.map((p) => p.code)).size).toBe(projects.length);
        for (const p of projects) {
          expect(p.code).toMatch(PROJECT_CODE_PATTERN);
          expect(p.code.length).toBeGreaterThanOrEqual(2);
          expect(p.code.length).toBeLessThanOrEqual(20);
          expect(p.customer_id).toBeNull();
        }
        const byId = new Map(projects.map((p) => [p.id, p]));

        const after: Record<string, unknown>[] = await db.query('SELECT * FROM timesheet_entries');
        expect(after).toHaveLength(rows.length);
        const stored = new Map(after.map((r) => [r['id'] as string, r]));
        for (const before of rows) {
          const now = stored.get(before.id) as Record<string, unknown>;
          const { project, queue_rank, ...kept } = before;
          const actual: Record<string, unknown> = Object.fromEntries(Object.keys(kept).map((k) => [k, now[k]]));
          actual['hours'] = Number(actual['hours']);
          actual['version'] = Number(actual['version']);
          expect(actual).toEqual(kept);
          expect(queue_rank).toBeGreaterThanOrEqual(0);
          expect(now['week']).toBe(isoWeekOf(before.date));
          const linked = byId.get(now['project_id'] as string);
          expect(linked?.name.toLowerCase()).toBe(project.trim().toLowerCase());
        }
        expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
        expect(stored.get(rows[3].id)?.['project_id']).toBe(stored.get(rows[0].id)?.['project_id']); // " apollo"

        // The API serves them with their project.
        const token = issuer.mint('auth0|alice', 'read:timesheets');
        const alices = rows.filter((r) => r.owner_id === 'auth0|alice');
        for (const row of alices) {
          const res = await http<TimesheetEntry>('GET', `${api.url}/timesheets/${row.id}`, { token });
          expect(res.status).toBe(200);
          const project = byId.get(stored.get(row.id)?.['project_id'] as string);
          expect(res.body).toEqual({
            id: row.id,
            ownerId: row.owner_id,
            ownerName: row.owner_name,
            date: row.date,
            project: { id: project?.id, code: project?.code, name: project?.name },
            hours: row.hours,
            notes: row.notes,
            status: row.status,
            decidedBy: row.decided_by,
            decidedAt: row.decided_at,
            rejectionReason: row.rejection_reason,
            createdAt: row.created_at,
            updatedAt: row.updated_at,
          });
        }
        const page = await http<{ items: TimesheetEntry[] }>('GET', `${api.url}/timesheets?limit=100`, { token });
        expect(page.body.items.map((i) => i.id).sort()).toEqual(alices.map((r) => r.id).sort());

        // The seeded roles carry the new scopes.
        const granted: { role: string; permission: string }[] = await db.query(
          'SELECT r.name AS role, p.name AS permission FROM authz_roles r JOIN authz_role_permissions rp ON ' +
            'rp.role_id = r.id JOIN authz_permissions p ON p.id = rp.permission_id',
        );
        const has = (role: string, permission: string) =>
          granted.some((g) => g.role === role && g.permission === permission);
        expect(has('employee', 'read:projects')).toBe(true);
        expect(has('manager', 'read:projects')).toBe(true);
        expect(has('admin', 'manage:projects')).toBe(true);
        expect(has('admin', 'manage:period-lock')).toBe(true);
      } finally {
        await api.close();
      }
      const again = await startTestApi(env);
      try {
        expect(await again.db.showMigrations()).toBe(false);
      } finally {
        await again.close();
      }
    } finally {
      await issuer.close();
      await database.drop();
    }
  });
});
