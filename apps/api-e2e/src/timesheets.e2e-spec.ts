import { randomUUID } from 'node:crypto';
import {
  type ApiError,
  type ApprovalQueueItem,
  isoWeekOf,
  type Page,
  type TimesheetEntry,
} from '@timesheets/contracts';
import { databaseEngines, http } from '@timesheets/api-testing';
import {
  createProject,
  dayCounter,
  E2E_POLICY_KEY,
  startE2eEnv,
  submitWeekOf,
  teamUp,
  type E2eEnv,
} from './support/env';

const EMPLOYEE = 'read:timesheets create:timesheets delete:timesheets';
const MANAGER = `${EMPLOYEE} approve:timesheets`;

describe.each(databaseEngines())('timesheets API (%s)', (engine) => {
  let env: E2eEnv;
  let base: string;
  let alice: string; // employee
  let dave: string; // another employee
  let bob: string; // manager of alice and dave
  let apollo: string;
  let hermes: string;
  const nextDay = dayCounter();

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_TRUST_TOKEN_SCOPES: 'true', AUTHZ_POLICY_KEY: E2E_POLICY_KEY });
    base = env.api.url;
    alice = env.issuer.mint('alice', EMPLOYEE, { name: 'Alice Employee' });
    dave = env.issuer.mint('dave', EMPLOYEE);
    bob = env.issuer.mint('bob', MANAGER, { email: 'bob@exampleco.test' });
    apollo = await createProject(env, 'APOLLO', 'Apollo');
    hermes = await createProject(env, 'HERMES', 'Hermes');
    await teamUp(env, 'bob', ['alice', 'dave']);
  });
  afterAll(() => env.close());

  /** A draft on a day of its own (so that no day reaches 24 hours). */
  const create = async (token: string, body: Record<string, unknown> = {}) => {
    const res = await http<TimesheetEntry>('POST', `${base}/timesheets`, {
      token,
      body: { date: nextDay(), projectId: apollo, hours: 7.5, ...body },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** A pending entry: created, then its week submitted. */
  const submitted = async (token: string) => {
    const e = await create(token);
    await submitWeekOf(env, token, e.date);
    return { ...e, status: 'pending' };
  };
  const fieldsOf = (res: { body: unknown }) => ((res.body as ApiError).errors ?? []).map((e) => e.field);

  describe('create and read', () => {
    it('creates a draft owned by the token subject, on a project by id', async () => {
      const e = await create(alice, { notes: 'kick-off' });
      expect(e).toMatchObject({
        ownerId: 'alice',
        ownerName: 'Alice Employee',
        status: 'draft',
        project: { id: apollo, code: 'APOLLO', name: 'Apollo' },
        hours: 7.5,
        notes: 'kick-off',
      });
      expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
      const read = await http<TimesheetEntry>('GET', `${base}/timesheets/${e.id}`, { token: alice });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(e);
    });

    it('accepts the boundaries: 24 hours, 0.01 hours, 1000-char notes', async () => {
      await create(alice, { hours: 24 });
      await create(alice, { hours: 0.01 });
      await create(alice, { notes: 'n'.repeat(1000) });
    });

    it.each([
      [{ date: '2026-02-30' }, 'date'],
      [{ date: '25/11/2026' }, 'date'],
      [{ date: 20261125 }, 'date'],
      [{ hours: 0 }, 'hours'],
      [{ hours: -1 }, 'hours'],
      [{ hours: 24.01 }, 'hours'],
      [{ hours: '8' }, 'hours'],
      [{ hours: 1.005 }, 'hours'],
      [{ projectId: '' }, 'projectId'],
      [{ projectId: 'Apollo' }, 'projectId'],
      [{ projectId: 42 }, 'projectId'],
      [{ projectId: randomUUID() }, 'projectId'],
      [{ notes: 'n'.repeat(1001) }, 'notes'],
      [{ notes: 42 }, 'notes'],
    ])('rejects %j with a 400 naming %s, changing nothing', async (patch, field) => {
      await env.unchanged(async () => {
        const res = await http<{ message: string[] }>('POST', `${base}/timesheets`, {
          token: alice,
          body: { date: '2026-11-23', projectId: apollo, hours: 7.5, ...patch },
        });
        expect(res.status).toBe(400);
        expect(fieldsOf(res)).toEqual([field]);
        expect(res.body.message.every((m) => /^[A-Z].*\.$/.test(m))).toBe(true);
      });
    });

    it('rejects missing fields', async () => {
      await env.unchanged(async () => {
        const res = await http<{ message: string[] }>('POST', `${base}/timesheets`, { token: alice, body: {} });
        expect(res.status).toBe(400);
        expect(fieldsOf(res).sort()).toEqual(['date', 'hours', 'projectId']);
      });
    });

    it.each([['ownerId'], ['status'], ['decidedBy'], ['decidedAt'], ['rejectionReason'], ['id'], ['userId']])(
      'refuses mass assignment of %s',
      async (field) => {
        await env.unchanged(async () => {
          const res = await http<{ message: string[] }>('POST', `${base}/timesheets`, {
            token: alice,
            body: {
              date: '2026-11-23',
              projectId: apollo,
              hours: 7.5,
              [field]: field === 'status' ? 'approved' : 'bob',
            },
          });
          expect(res.status).toBe(400);
          expect(res.body.message.join(' ')).toContain(field);
        });
      },
    );

    it('rejects a body that is not JSON', async () => {
      await env.unchanged(async () => {
        const res = await http('POST', `${base}/timesheets`, {
          token: alice,
          rawBody: 'date=2026-11-23',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(res.status).toBe(415);
      });
    });

    it('rejects an array body', async () => {
      await env.unchanged(async () => {
        const res = await http('POST', `${base}/timesheets`, {
          token: alice,
          body: [{ date: '2026-11-23', projectId: apollo, hours: 1 }],
        });
        expect(res.status).toBe(400);
      });
    });

    it('answers 400 for a non-UUID id and 404 for an unknown one', async () => {
      expect((await http('GET', `${base}/timesheets/123`, { token: alice })).status).toBe(400);
      expect((await http('GET', `${base}/timesheets/${randomUUID()}`, { token: alice })).status).toBe(404);
    });
  });

  describe('ownership', () => {
    it("hides others' entries from an employee (404 on read, edit and delete)", async () => {
      const e = await create(alice);
      await env.unchanged(async () => {
        expect((await http('GET', `${base}/timesheets/${e.id}`, { token: dave })).status).toBe(404);
        expect((await http('PATCH', `${base}/timesheets/${e.id}`, { token: dave, body: { hours: 1 } })).status).toBe(
          404,
        );
        expect((await http('DELETE', `${base}/timesheets/${e.id}`, { token: dave })).status).toBe(404);
      });
      const list = await http<Page<TimesheetEntry>>('GET', `${base}/timesheets?limit=100`, { token: dave });
      expect(list.body.items.some((i) => i.id === e.id)).toBe(false);
    });

    it("lets an approver read their people's submitted entries but not edit or delete them", async () => {
      const e = await submitted(alice);
      expect((await http('GET', `${base}/timesheets/${e.id}`, { token: bob })).status).toBe(200);
      await env.unchanged(async () => {
        expect((await http('PATCH', `${base}/timesheets/${e.id}`, { token: bob, body: { hours: 1 } })).status).toBe(
          404,
        );
        expect((await http('DELETE', `${base}/timesheets/${e.id}`, { token: bob })).status).toBe(404);
      });
    });

    it('ignores userId in the query', async () => {
      await env.unchanged(async () => {
        expect((await http('GET', `${base}/timesheets?userId=alice`, { token: dave })).status).toBe(400);
      });
    });
  });

  describe('edit and delete', () => {
    it('edits own drafts, moves them to another project and clears notes with null', async () => {
      const e = await create(alice, { notes: 'x' });
      const res = await http<TimesheetEntry>('PATCH', `${base}/timesheets/${e.id}`, {
        token: alice,
        body: { hours: 6, notes: null, projectId: hermes },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        hours: 6,
        notes: null,
        project: { id: hermes, code: 'HERMES' },
        status: 'draft',
      });
    });

    it('refuses null for required fields and an empty patch', async () => {
      const e = await create(alice);
      await env.unchanged(async () => {
        expect(
          (await http('PATCH', `${base}/timesheets/${e.id}`, { token: alice, body: { hours: null } })).status,
        ).toBe(400);
        expect((await http('PATCH', `${base}/timesheets/${e.id}`, { token: alice, body: {} })).status).toBe(400);
        expect(
          (await http('PATCH', `${base}/timesheets/${e.id}`, { token: alice, body: { status: 'approved' } })).status,
        ).toBe(400);
      });
    });

    it('deletes own entries', async () => {
      const e = await create(alice);
      expect((await http('DELETE', `${base}/timesheets/${e.id}`, { token: alice })).status).toBe(204);
      expect((await http('GET', `${base}/timesheets/${e.id}`, { token: alice })).status).toBe(404);
    });
  });

  describe('approvals', () => {
    it("approves someone's submitted entry, records who and when, then locks it (409)", async () => {
      const e = await submitted(alice);
      const res = await http<TimesheetEntry>('POST', `${base}/timesheets/${e.id}/approve`, { token: bob });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'approved', decidedBy: 'bob' });
      expect(res.body.decidedAt).toBeTruthy();
      await env.unchanged(async () => {
        expect((await http('PATCH', `${base}/timesheets/${e.id}`, { token: alice, body: { hours: 1 } })).status).toBe(
          409,
        );
        expect((await http('DELETE', `${base}/timesheets/${e.id}`, { token: alice })).status).toBe(409);
        expect((await http('POST', `${base}/timesheets/${e.id}/approve`, { token: bob })).status).toBe(409);
        expect(
          (await http('POST', `${base}/timesheets/${e.id}/reject`, { token: bob, body: { reason: 'x' } })).status,
        ).toBe(409);
      });
    });

    it('rejects with a reason; the owner edits it (a draft again) and submits it again', async () => {
      const e = await submitted(alice);
      await env.unchanged(async () => {
        const noReason = await http('POST', `${base}/timesheets/${e.id}/reject`, { token: bob, body: {} });
        expect(noReason.status).toBe(400);
      });
      const res = await http<TimesheetEntry>('POST', `${base}/timesheets/${e.id}/reject`, {
        token: bob,
        body: { reason: 'Wrong project' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'rejected', rejectionReason: 'Wrong project', decidedBy: 'bob' });
      const edited = await http<TimesheetEntry>('PATCH', `${base}/timesheets/${e.id}`, {
        token: alice,
        body: { projectId: hermes },
      });
      expect(edited.body).toMatchObject({
        status: 'draft',
        rejectionReason: null,
        decidedBy: null,
        project: { id: hermes },
      });
      await submitWeekOf(env, alice, e.date);
      expect((await http<TimesheetEntry>('GET', `${base}/timesheets/${e.id}`, { token: bob })).body.status).toBe(
        'pending',
      );
    });

    it('forbids a manager to approve or reject their own entry (403)', async () => {
      const own = await create(bob);
      await env.unchanged(async () => {
        const a = await http<{ message: string }>('POST', `${base}/timesheets/${own.id}/approve`, { token: bob });
        expect(a.status).toBe(403);
        const r = await http('POST', `${base}/timesheets/${own.id}/reject`, { token: bob, body: { reason: 'x' } });
        expect(r.status).toBe(403);
      });
    });

    it('forbids employees to approve (403 insufficient_scope)', async () => {
      const e = await create(dave);
      await env.unchanged(async () => {
        const res = await http('POST', `${base}/timesheets/${e.id}/approve`, { token: alice });
        expect(res.status).toBe(403);
        expect(res.headers.get('www-authenticate')).toBe(
          'Bearer realm="timesheets", error="insufficient_scope", scope="approve:timesheets"',
        );
        expect((await http('GET', `${base}/approvals`, { token: alice })).status).toBe(403);
      });
    });

    it('answers 404 for approving a deleted entry or a draft', async () => {
      const draft = await create(alice);
      await env.unchanged(async () => {
        expect((await http('POST', `${base}/timesheets/${draft.id}/approve`, { token: bob })).status).toBe(404);
      });
      const e = await create(alice);
      await http('DELETE', `${base}/timesheets/${e.id}`, { token: alice });
      await env.unchanged(async () => {
        expect((await http('POST', `${base}/timesheets/${e.id}/approve`, { token: bob })).status).toBe(404);
      });
    });

    it('changes an entry once under twenty concurrent approvals', async () => {
      const e = await submitted(alice);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => http('POST', `${base}/timesheets/${e.id}/approve`, { token: bob })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(19);
      const rows: { version: number }[] = await env.api.db.query(
        `SELECT version FROM timesheet_entries WHERE id = ${engine === 'postgres' ? '$1' : '?'}`,
        [e.id],
      );
      expect(Number(rows[0].version)).toBe(3); // created, submitted, approved once
    });

    it("queues their people's submitted weeks, never the caller's own", async () => {
      await submitted(bob);
      const e = await submitted(dave);
      const page = await http<Page<ApprovalQueueItem>>('GET', `${base}/approvals?limit=100`, { token: bob });
      expect(page.status).toBe(200);
      expect(page.body.items.some((i) => i.person.ownerId === 'bob')).toBe(false);
      expect(page.body.items.map((i) => `${i.person.ownerId} ${i.status}`)).toContain('dave pending');
      const week = page.body.items.find((i) => i.person.ownerId === 'dave' && i.week === isoWeekOf(e.date));
      expect(week).toMatchObject({ status: 'pending', entries: expect.any(Number), hours: expect.any(Number) });
    });
  });

  describe('listing', () => {
    it('pages through own entries newest first with filters, without duplicates or gaps', async () => {
      const token = env.issuer.mint('erin', EMPLOYEE);
      const dates = ['2026-10-01', '2026-10-02', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06'];
      const created = [];
      for (const date of dates) created.push(await create(token, { date }));
      const seen: TimesheetEntry[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : '';
        const res: { body: Page<TimesheetEntry> } = await http<Page<TimesheetEntry>>(
          'GET',
          `${base}/timesheets?limit=2${q}`,
          { token },
        );
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen.map((s) => s.id).sort()).toEqual(created.map((c) => c.id).sort());
      const seenDates = seen.map((s) => s.date);
      expect(seenDates).toEqual([...seenDates].sort().reverse());

      const ranged = await http<Page<TimesheetEntry>>(
        'GET',
        `${base}/timesheets?from=2026-10-02&to=2026-10-04&limit=100`,
        { token },
      );
      expect(ranged.body.items.map((i) => i.date).sort()).toEqual([
        '2026-10-02',
        '2026-10-02',
        '2026-10-03',
        '2026-10-04',
      ]);
      expect(ranged.body.nextCursor).toBeNull();
    });

    it.each([
      'limit=0',
      'limit=101',
      'limit=abc',
      'limit=1.5',
      'status=done',
      'from=2026-13-01',
      'cursor=%%%',
      'from=2026-10-05&to=2026-10-01',
    ])('rejects the query %s with 400', async (q) => {
      expect((await http('GET', `${base}/timesheets?${q}`, { token: alice })).status).toBe(400);
    });
  });
});
