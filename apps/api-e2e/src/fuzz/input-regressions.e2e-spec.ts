import { type AuditEntryDto, type Page, TimesheetMessages } from '@timesheets/contracts';
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
  let alice: Person;
  let apollo: string;

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_POLICY_KEY: POLICY_KEY, AUTHZ_DEMO_USERS: 'true' });
    api = authzClient(env);
    carol = await api.signIn('carol@exampleco.test', 'Carol Admin');
    alice = await api.signIn('alice@exampleco.test', 'Alice Employee');
    apollo = (
      await api.call<{ id: string }>('POST', '/admin/projects', carol.token, { code: 'APOLLO', name: 'Apollo' })
    ).body.id;
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

  describe("timesheet hours in exponent notation (class-validator's IsNumber maxDecimalPlaces threw on a number without '.')", () => {
    const expect400 = async (method: string, path: string, body: unknown) => {
      const res = await env.unchanged(() => api.call<{ message: string[] }>(method, path, alice.token, body));
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([TimesheetMessages.hours]);
    };

    it.each([1e-7, 5e-324, -5e-324])('POST /timesheets with hours %s answers 400 naming hours', (hours) =>
      expect400('POST', '/timesheets', { date: '2026-11-25', projectId: apollo, hours }),
    );

    it('PATCH /timesheets/:id with hours 1e-7 answers 400 naming hours', async () => {
      const created = await api.call<{ id: string }>('POST', '/timesheets', alice.token, {
        date: '2026-11-25',
        projectId: apollo,
        hours: 1,
      });
      expect(created.status).toBe(201);
      await expect400('PATCH', `/timesheets/${created.body.id}`, { hours: 1e-7 });
    });
  });

  describe('unstorable text: a lone surrogate (IsEmail threw URIError; elsewhere stored altered) or NUL (PostgreSQL refuses it)', () => {
    // A field error as the DTOs' are (errors[] naming the field's path, a sentence), so the SPA shows it by its field.
    it.each([
      ['POST', '/admin/users', { email: 'a\ud800' }, 'email', 'Email must not contain a lone surrogate.'],
      [
        'POST',
        '/admin/roles',
        { name: 'auditors', permissions: ['read:audit\udc00'] },
        'permissions[0]',
        'Permissions must not contain a lone surrogate.',
      ],
      [
        'POST',
        '/timesheets',
        { date: '2026-11-25', projectId: '00000000-0000-4000-8000-000000000000', hours: 1, notes: 'x\ud800' },
        'notes',
        'Notes must not contain a lone surrogate.',
      ],
      [
        'POST',
        '/timesheets',
        { date: '2000-01-01', projectId: '\u0000', hours: 1 },
        'projectId',
        'Project id must not contain a NUL character.',
      ],
      [
        'PUT',
        '/weeks/2026-W48/entries',
        {
          entries: [
            { date: '2026-11-23', projectId: '00000000-0000-4000-8000-000000000000', hours: 1 },
            { date: '2026-11-24', projectId: '00000000-0000-4000-8000-000000000000', hours: 1, notes: 'a\u0000b' },
          ],
        },
        'entries[1].notes',
        'Notes must not contain a NUL character.',
      ],
      [
        'POST',
        '/admin/groups',
        { name: 'a', description: '\u0000' },
        'description',
        'Description must not contain a NUL character.',
      ],
      [
        'POST',
        '/authz/policy',
        { subject: '\u0000', issuer: ' ' },
        'subject',
        'Subject must not contain a NUL character.',
      ],
      ['GET', '/admin/users?q=a%00', undefined, 'q', 'Q must not contain a NUL character.'],
      ['GET', '/weeks/2026-W4%00', undefined, 'week', 'Week must not contain a NUL character.'],
    ])('%s %s %j answers 400 naming %s', async (method, path, body, field, message) => {
      const res = await env.unchanged(
        (): Promise<{ status: number; body: unknown }> =>
          path === '/authz/policy'
            ? api.policy(body)
            : api.call(method, path, path.startsWith('/admin') ? carol.token : alice.token, body),
      );
      expect(res.status).toBe(400);
      const row = /\[(\d+)\]/.exec(field);
      const sentence = row ? `Row ${Number(row[1]) + 1}: ${message}` : message;
      expect(res.body).toMatchObject({ message: [sentence], errors: [{ field, message }] });
    });
  });

  describe('token claims a database cannot store (PostgreSQL answered 500 on every route)', () => {
    it.each(['a\u0000b', 'a\ud800'])('a token whose sub is %j is refused with 401', async (sub) => {
      const token = env.issuer.mint(sub, 'read:timesheets read:audit');
      for (const path of ['/me', '/timesheets', '/admin/audit']) {
        const res = await env.unchanged(() => api.call(`GET`, path, token));
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
    });

    it('a name or email claim holding NUL or a lone surrogate is left out, and the request goes through', async () => {
      const token = env.issuer.mint(alice.sub, 'read:timesheets create:timesheets', {
        name: 'Alice\u0000',
        email: 'alice\ud800@exampleco.test',
      });
      const created = await api.call<{ ownerName: string | null }>('POST', '/timesheets', token, {
        date: '2026-11-26',
        projectId: apollo,
        hours: 2,
      });
      expect(created.status).toBe(201);
      expect(created.body.ownerName).not.toContain('\u0000');
      const me = await api.call<{ email: string | null }>('GET', '/me', token);
      expect(me.status).toBe(200);
      expect(me.body.email).toBe('alice@exampleco.test'); // from the user record, not the unstorable claim
    });
  });
});
