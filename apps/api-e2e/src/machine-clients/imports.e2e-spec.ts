import {
  addDays,
  type ApiError,
  type AuditEntryDto,
  type ImportedEntryInput,
  type ImportTimesheetsResponse,
  type IssuedClientSecretDto,
  type Page,
  type TimesheetEntry,
} from '@timesheets/contracts';
import { databaseEngines, http, type HttpResult } from '@timesheets/api-testing';
import { fields, startWorld, today, type Person, type World } from '../domain/domain-support';

type Named = Person & { email: string };

/**
 * POST /api/imports/timesheets on both engines: a machine client uploads entries for several people; every rule of an
 * entry applies to each row (person, project by code and open to that person, daily maximum, latest date, period
 * lock), all or nothing, errors naming row and field; Idempotency-Key; the hostile cases. Every refusal changes
 * nothing.
 */
describe.each(databaseEngines())('timesheet import (%s)', (engine) => {
  let w: World;
  let alice: Named;
  let bob: Named;
  let drafts: string;
  let pending: string;
  let revoked: string;

  const machineToken = (clientId: string, scope = 'import:timesheets') =>
    w.env.issuer.mint(clientId, scope, { client_id: clientId });
  const register = async (name: string, importStatus: 'draft' | 'pending') => {
    const res = await w.call<IssuedClientSecretDto>('POST', '/admin/clients', w.admin, {
      name,
      scopes: ['import:timesheets'],
      importStatus,
    });
    expect(res.status).toBe(201);
    return res.body.client.id;
  };
  const upload = (
    token: string,
    entries: unknown[],
    key?: string,
  ): Promise<HttpResult<ImportTimesheetsResponse & ApiError>> =>
    http<ImportTimesheetsResponse & ApiError>('POST', w.api.url('/imports/timesheets'), {
      token,
      body: { entries },
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });
  const row = (who: { email: string }, date: string, hours = 1, projectCode = 'apollo'): ImportedEntryInput => ({
    email: who.email.toUpperCase(),
    date,
    projectCode,
    hours,
  });
  const day = (n: number) => addDays(today(), -n);

  beforeAll(async () => {
    w = await startWorld(engine);
    alice = { ...(await w.person('Alice Import')), email: 'alice.import@e2e.test' };
    bob = { ...(await w.person('Bob Import')), email: 'bob.import@e2e.test' };
    const team = await w.group('Import team');
    await w.member(team, bob);
    await w.project('APOLLO');
    await w.project('SECRET', { groups: [team] });
    drafts = await register('Badge reader', 'draft');
    pending = await register('Nightly job', 'pending');
    revoked = await register('Old job', 'draft');
    expect((await w.call('POST', `/admin/clients/${revoked}/revoke`, w.admin)).status).toBe(200);
  });
  afterAll(() => w.close());

  it('imports rows for several people as the client says (drafts), each owned by its person; the audit names the client', async () => {
    const res = await upload(machineToken(drafts), [
      row(alice, day(20), 2),
      { ...row(bob, day(20), 3, 'SECRET'), notes: 'badge in 08:02' },
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'draft', imported: 2 });
    expect(res.body.entries.map((e) => [e.row, e.email, e.projectCode, e.hours])).toEqual([
      [0, alice.email, 'APOLLO', 2],
      [1, bob.email, 'SECRET', 3],
    ]);
    const own = await w.call<Page<TimesheetEntry>>('GET', `/timesheets?from=${day(20)}&to=${day(20)}`, bob);
    expect(own.body.items).toEqual([
      expect.objectContaining({ id: res.body.entries[1].id, status: 'draft', hours: 3, notes: 'badge in 08:02' }),
    ]);
    // The daily maximum counts what the person booked already (2 h that day)
    await w.env.unchanged(async () => {
      const booked = await upload(machineToken(drafts), [row(alice, day(20), 22.5)]);
      expect(fields(booked)).toEqual(['entries[0].hours']);
    });
    const audit = await w.call<Page<AuditEntryDto>>('GET', `/admin/audit?targetType=import`, w.admin);
    expect(audit.body.items[0]).toMatchObject({
      action: 'timesheet.import',
      targetId: res.body.importId,
      actorId: drafts,
      actorName: 'Badge reader (machine client)',
    });
  });

  it('a client set to pending submits them for approval (never approved)', async () => {
    const res = await upload(machineToken(pending), [row(alice, day(21), 1)]);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending');
    const own = await w.call<Page<TimesheetEntry>>('GET', `/timesheets?from=${day(21)}&to=${day(21)}`, alice);
    expect(own.body.items.map((e) => e.status)).toEqual(['pending']);
  });

  it('all or nothing: every bad row is named by row and field, and nothing is imported', async () => {
    await w.env.unchanged(async () => {
      // The shape of each row first (as any request's body), then who and what the rows name
      const res = await upload(machineToken(drafts), [
        row(alice, day(22), 2),
        row({ email: 'nobody@e2e.test' }, day(22)),
        row(alice, day(22), 1, 'NOPE'),
        row(alice, day(22), 1, 'not a code!'),
        row(alice, '2026-02-30'),
        { ...row(alice, day(22)), hours: 0 },
        { ...row(alice, day(22)), email: 'not-an-email' },
      ]);
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual([
        'entries[3].projectCode',
        'entries[4].date',
        'entries[5].hours',
        'entries[6].email',
      ]);
      const named = await upload(machineToken(drafts), [
        row(alice, day(22), 2),
        row({ email: 'nobody@e2e.test' }, day(22)),
        row(alice, day(22), 1, 'NOPE'),
      ]);
      expect(named.status).toBe(400);
      expect(fields(named)).toEqual(['entries[1].email', 'entries[2].projectCode']);
      expect(named.body.message).toEqual([
        'Row 2: Nobody with the email nobody@e2e.test has signed in to Timesheets yet.',
        'Row 3: There is no project NOPE.',
      ]);
      // The rules of an entry, per person: a project limited to a group she is not in, her day over 24 hours, a date
      // after the last bookable day
      const rules = await upload(machineToken(drafts), [
        row(alice, day(23), 1, 'SECRET'),
        row(bob, day(23), 1, 'SECRET'),
        row(alice, day(24), 20),
        row(alice, day(24), 5),
        row(bob, addDays(today(), 30)),
      ]);
      expect(rules.status).toBe(400);
      expect(fields(rules)).toEqual(['entries[4].date']);
      const open = await upload(machineToken(drafts), [
        row(alice, day(23), 1, 'SECRET'),
        row(bob, day(23), 1, 'SECRET'),
        row(alice, day(24), 20),
        row(alice, day(24), 5),
      ]);
      expect(open.status).toBe(400);
      expect(fields(open)).toEqual(['entries[0].projectCode']);
      const cap = await upload(machineToken(drafts), [row(alice, day(24), 20), row(alice, day(24), 5)]);
      expect(cap.status).toBe(400);
      expect(fields(cap)).toEqual(['entries[1].hours']);
      expect(cap.body.message).toEqual([expect.stringMatching(/^Row 2: Hours on .* would add up to 25/)]);
    });
  });

  it('refuses 1,001 rows and takes 1,000 (a body far over the default body limit)', async () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => ({
      ...row(i % 2 ? alice : bob, day(40 + Math.floor(i / 20)), 0.5),
      notes: `row ${i} `.padEnd(60, '.'),
    }));
    await w.env.unchanged(async () => {
      const res = await upload(machineToken(drafts), [...thousand, row(alice, day(30))]);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(['entries must be a list of 1 to 1000 rows.']);
      expect((await upload(machineToken(drafts), [])).status).toBe(400);
    });
    const res = await upload(machineToken(drafts), thousand);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(1000);
  });

  it('Idempotency-Key: a retry gets the first answer and imports nothing again; another body with it is 409', async () => {
    const body = [row(bob, day(25), 4)];
    const first = await upload(machineToken(drafts), body, 'nightly-2026-12-07');
    expect(first.status).toBe(201);
    await w.env.unchanged(async () => {
      const again = await upload(machineToken(drafts), body, 'nightly-2026-12-07');
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      const other = await upload(machineToken(drafts), [row(bob, day(25), 3)], 'nightly-2026-12-07');
      expect(other.status).toBe(409);
      expect(other.body.message).toBe(
        'This Idempotency-Key was used with another body: use a new key for a new upload.',
      );
      for (const key of ['', 'with space', 'x'.repeat(256), 'nön-ascii'])
        expect((await upload(machineToken(drafts), body, key)).status).toBe(400);
    });
    // Keys are the client's own: another client may use the same one
    expect((await upload(machineToken(pending), body, 'nightly-2026-12-07')).status).toBe(201);
  });

  it('keeps an Idempotency-Key for IMPORT_IDEMPOTENCY_RETENTION_DAYS (7): then it is new again, and imports delete the expired ones', async () => {
    const sql = (text: string, params: unknown[] = []) => {
      let n = 0;
      return w.env.api.db.query(engine === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params);
    };
    const age = (key: string, days: number) =>
      sql('UPDATE timesheet_import_requests SET created_at = ? WHERE idempotency_key = ?', [
        new Date(Date.now() - days * 86_400_000).toISOString(),
        key,
      ]);
    const kept = async () =>
      (
        (await sql('SELECT idempotency_key FROM timesheet_import_requests ORDER BY idempotency_key')) as {
          idempotency_key: string;
        }[]
      ).map((r) => r.idempotency_key);

    const old = await upload(machineToken(drafts), [row(alice, day(35), 1)], 'retention-old');
    const recent = await upload(machineToken(drafts), [row(alice, day(36), 1)], 'retention-recent');
    const other = await upload(machineToken(pending), [row(bob, day(36), 1)], 'retention-other-client');
    expect([old.status, recent.status, other.status]).toEqual([201, 201, 201]);
    await age('retention-old', 7.01);
    await age('retention-recent', 6.99);
    await age('retention-other-client', 30);

    // Within the retention the key still answers as the first time.
    const replay = await upload(machineToken(drafts), [row(alice, day(36), 1)], 'retention-recent');
    expect(replay.body).toEqual(recent.body);
    // After it, the key is as good as new: another body is a new import, not 409.
    const again = await upload(machineToken(drafts), [row(alice, day(35), 2)], 'retention-old');
    expect(again.status).toBe(201);
    expect(again.body.importId).not.toBe(old.body.importId);
    expect(again.body.entries.map((e) => e.hours)).toEqual([2]);
    // That import deleted every expired key (another client's too) and kept the recent ones.
    expect((await kept()).filter((k) => k.startsWith('retention-'))).toEqual(['retention-old', 'retention-recent']);
    const replayed = await upload(machineToken(drafts), [row(alice, day(35), 2)], 'retention-old');
    expect(replayed.body).toEqual(again.body);
  });

  it('refuses people and other machines: a user token, a revoked or unknown client, a token without the scope', async () => {
    await w.env.unchanged(async () => {
      const body = [row(alice, day(26))];
      const personToken = w.env.issuer.mint(alice.sub, 'import:timesheets read:timesheets create:timesheets');
      expect((await upload(personToken, body)).status).toBe(403);
      expect((await upload(alice.token, body)).status).toBe(403);
      expect((await upload(machineToken(revoked), body)).status).toBe(403);
      expect((await upload(machineToken('mc_AAAAAAAAAAAAAAAAAAAAAA'), body)).status).toBe(403);
      expect((await upload(machineToken(drafts, 'read:timesheets'), body)).status).toBe(403);
      expect((await upload('not-a-token', body)).status).toBe(401);
    });
  });

  it('an upload crossing the period lock is 409 naming the rows, and changes nothing', async () => {
    expect((await w.call('PUT', '/admin/period-lock', w.admin, { lockedThrough: day(28) })).status).toBeLessThan(300);
    await w.env.unchanged(async () => {
      const res = await upload(machineToken(drafts), [row(alice, day(27)), row(bob, day(28)), row(bob, day(29))]);
      expect(res.status).toBe(409);
      expect(fields(res)).toEqual(['entries[1].date', 'entries[2].date']);
      expect(res.body.message[0]).toMatch(/^Row 2: Timesheets are locked through/);
    });
  });
});
