import type { AuditEntryDto, Page } from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from '../support/env';
import { authzClient, POLICY_KEY, type Person } from '../authz/authz-support';

/**
 * Inputs that once answered 5xx (most found by the property-based suite, inputs.e2e-spec.ts), each kept as the
 * exact request that failed: it must now get a clear 4xx that names the field, and change nothing.
 */
describe.each(databaseEngines())('inputs that once answered 5xx (%s)', (engine) => {
  let env: E2eEnv;
  let api: ReturnType<typeof authzClient>;
  let carol: Person;

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_DEMO_USERS: 'true' });
    api = authzClient(env);
    carol = await api.signIn('carol@exampleco.test', 'Carol Admin');
  });
  afterAll(() => env.close());

  describe('GET /admin/audit from/to (ISO 8601 forms that passed IsISO8601 and made new Date() invalid)', () => {
    it.each([
      ['from', '2009-W01-1'], // week date: the issue's example
      ['from', '2009-123'], // ordinal date
      ['to', '20090519'], // basic format
      ['from', '2009-05-19T14.5'], // decimal hour
      ['to', '2026-01-01T10:00:00'], // no offset: was read in the server's time zone
      ['from', '2026-02-30'], // no such day
    ])('%s=%s answers 400 naming the field', async (field, value) => {
      const res = await env.unchanged(() =>
        api.call<{ message: string[] }>('GET', `/admin/audit?${field}=${encodeURIComponent(value)}`, carol.token),
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([
        expect.stringMatching(new RegExp(`^${field} must be a date \\(YYYY-MM-DD\\)`)),
      ]);
    });

    it('reads a date as its whole UTC day and a date-time with its offset', async () => {
      const all = await api.call<Page<AuditEntryDto>>('GET', '/admin/audit?limit=100', carol.token);
      const newest = all.body.items[0];
      expect(newest).toBeDefined();
      const day = newest.at.slice(0, 10);
      const within = async (query: string) =>
        (await api.call<Page<AuditEntryDto>>('GET', `/admin/audit?limit=100&${query}`, carol.token)).body.items.map(
          (a) => a.id,
        );
      // a date-only `to` used to stop at 00:00 of that day, leaving the day itself out
      expect(await within(`from=${day}&to=${day}`)).toContain(newest.id);
      const at = new Date(newest.at);
      const plusTwo = new Date(at.getTime() + 2 * 3600_000).toISOString().slice(0, 23);
      expect(await within(`to=${encodeURIComponent(`${plusTwo}+02:00`)}`)).toContain(newest.id);
      expect(await within(`from=${encodeURIComponent(`${plusTwo}+01:00`)}`)).not.toContain(newest.id);
    });
  });
});
