import type { ProjectDto, TimesheetEntry } from '@timesheets/contracts';
import { createTestDatabase, databaseEngines, http, startTestApi, startTestIssuer } from '@timesheets/api-testing';

/** Migrations create a fresh database and leave an existing one (and its data) as it is on every later start. */
describe.each(databaseEngines())('migrations (%s)', (engine) => {
  it('apply to a fresh database, then to the existing one without loss', async () => {
    const issuer = await startTestIssuer();
    const database = await createTestDatabase(engine);
    const env = {
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      AUTH_JWKS_URI: issuer.jwksUri,
      DATABASE_URL: database.url,
      AUTHZ_TRUST_TOKEN_SCOPES: 'true',
    };
    const token = issuer.mint('m', 'read:timesheets create:timesheets');
    try {
      const first = await startTestApi(env);
      const ran: { name: string }[] = await first.db.query('SELECT name FROM migrations ORDER BY id');
      expect(ran.length).toBeGreaterThanOrEqual(2);
      const project = await http<ProjectDto>('POST', `${first.url}/admin/projects`, {
        token: issuer.mint('admin', 'manage:projects'),
        body: { code: 'PERSIST', name: 'Persist' },
      });
      const created = await http<TimesheetEntry>('POST', `${first.url}/timesheets`, {
        token,
        body: { date: '2026-11-25', projectId: project.body.id, hours: 3 },
      });
      expect(created.status).toBe(201);
      await first.close();

      const second = await startTestApi(env);
      try {
        const again: { name: string }[] = await second.db.query('SELECT name FROM migrations ORDER BY id');
        expect(again).toEqual(ran);
        expect(await second.db.showMigrations()).toBe(false); // nothing pending
        const read = await http<TimesheetEntry>('GET', `${second.url}/timesheets/${created.body.id}`, { token });
        expect(read.body).toEqual(created.body);
      } finally {
        await second.close();
      }
    } finally {
      await issuer.close();
      await database.drop();
    }
  });
});
