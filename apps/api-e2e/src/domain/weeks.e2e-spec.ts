import {
  addDays,
  type ApiError,
  type GroupDto,
  isoWeekOf,
  type ProjectDto,
  TimesheetMessages as M,
  TimesheetRuleMessages as R,
  type TimesheetEntry,
  type WeekDto,
  weekDays,
} from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { dayOf, fields, type Person, startWorld, today, weekAgo, type World } from './domain-support';

/** An employee's week: drafts, saving a week in one request, submitting it, and the rules every change obeys. */
describe.each(databaseEngines())('weeks and entries (%s)', (engine) => {
  let w: World;
  let alice: Person;
  let bob: Person; // manages Engineering, where alice is
  let apollo: ProjectDto;
  let zeus: ProjectDto;
  let engineering: GroupDto;

  beforeAll(async () => {
    w = await startWorld(engine);
    alice = await w.person('Alice Weeks');
    bob = await w.person('Bob Weeks', 'manager');
    engineering = await w.group('Engineering');
    await w.member(engineering, alice);
    await w.manager(engineering, bob);
    apollo = await w.project('APOLLO');
    zeus = await w.project('ZEUS');
  });
  afterAll(() => w.close());

  const post = (who: Person, body: Record<string, unknown>) => w.call<TimesheetEntry>('POST', '/timesheets', who, body);
  const put = (who: Person, week: string, entries: unknown[]) =>
    w.call<WeekDto>('PUT', `/weeks/${week}/entries`, who, { entries });
  const week = (who: Person, wk: string) => w.call<WeekDto>('GET', `/weeks/${wk}`, who);

  it('creates drafts that only their owner sees, with the project as { id, code, name }', async () => {
    const wk = weekAgo(2);
    const res = await post(alice, { date: dayOf(wk, 0), projectId: apollo.id, hours: 7.5, notes: 'kick-off' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ownerId: alice.sub,
      status: 'draft',
      project: { id: apollo.id, code: 'APOLLO', name: 'Project APOLLO' },
      hours: 7.5,
      decidedBy: null,
    });
    expect(Object.keys(res.body.project)).toEqual(['id', 'code', 'name']);
    expect((await w.call('GET', `/timesheets/${res.body.id}`, alice)).body).toEqual(res.body);
    // Not submitted: not there for the manager, in no queue.
    expect((await w.call('GET', `/timesheets/${res.body.id}`, bob)).status).toBe(404);
    const list = await w.call<{ items: TimesheetEntry[] }>(
      'GET',
      `/timesheets?from=${dayOf(wk, 0)}&to=${dayOf(wk, 6)}`,
      alice,
    );
    expect(list.body.items).toEqual([res.body]);
  });

  it('refuses a project id that is missing, malformed or archived, naming projectId, and changes nothing', async () => {
    const archived = await w.project('OLD');
    await w.call('PATCH', `/admin/projects/${archived.id}`, w.admin, { archived: true });
    const date = dayOf(weekAgo(2), 1);
    await w.env.unchanged(async () => {
      for (const projectId of ['00000000-0000-4000-8000-000000000000', 'apollo', archived.id, undefined]) {
        const res = await post(alice, { date, projectId, hours: 1 });
        expect(res.status).toBe(400);
        expect(fields(res)).toEqual(['projectId']);
      }
      const res = await post(alice, { date, projectId: archived.id, hours: 1 });
      expect((res.body as unknown as ApiError).errors).toEqual([
        { field: 'projectId', message: R.projectArchived('OLD') },
      ]);
      // The free-text field of old clients is refused as an unknown property.
      expect((await post(alice, { date, project: 'Apollo', hours: 1 })).status).toBe(400);
    });
  });

  it('answers field errors as full sentences from the contracts', async () => {
    await w.env.unchanged(async () => {
      const res = await post(alice, {
        date: '2026-02-30',
        projectId: apollo.id,
        hours: 24.01,
        notes: 'n'.repeat(1001),
      });
      expect(res.status).toBe(400);
      const body = res.body as unknown as ApiError;
      expect(body.errors).toEqual(
        expect.arrayContaining([
          { field: 'date', message: M.date },
          { field: 'hours', message: M.hours },
          { field: 'notes', message: M.notes },
        ]),
      );
      expect(body.message).toEqual(expect.arrayContaining([M.date, M.hours, M.notes]));
      expect(M.hours).toMatch(/^Hours must be .*\.$/);
    });
  });

  it('keeps a person at 24 hours a day across entries: 400 naming the day and the total', async () => {
    const date = dayOf(weekAgo(3), 2);
    expect((await post(alice, { date, projectId: apollo.id, hours: 16 })).status).toBe(201);
    expect((await post(alice, { date, projectId: zeus.id, hours: 8 })).status).toBe(201);
    await w.env.unchanged(async () => {
      const res = await post(alice, { date, projectId: zeus.id, hours: 0.5 });
      expect(res.status).toBe(400);
      expect((res.body as unknown as ApiError).errors).toEqual([{ field: 'hours', message: R.dailyCap(date, 24.5) }]);
      expect(R.dailyCap(date, 24.5)).toContain(date);
      expect(R.dailyCap(date, 24.5)).toContain('24.5');
    });
    // Another person's day is theirs.
    expect((await post(bob, { date, projectId: apollo.id, hours: 8 })).status).toBe(201);
  });

  it('books up to the end of next week, not later', async () => {
    const nextWeek = isoWeekOf(addDays(today(), 7));
    const lastDay = weekDays(nextWeek)[6];
    await w.env.unchanged(async () => {
      const res = await post(alice, { date: addDays(lastDay, 1), projectId: apollo.id, hours: 1 });
      expect(res.status).toBe(400);
      expect((res.body as unknown as ApiError).errors).toEqual([{ field: 'date', message: R.dateTooLate(lastDay) }]);
    });
    const ok = await post(alice, { date: lastDay, projectId: apollo.id, hours: 1 });
    expect(ok.status).toBe(201);
    expect((await week(alice, nextWeek)).body.latestDate).toBe(lastDay);
    expect((await w.call('DELETE', `/timesheets/${ok.body.id}`, alice)).status).toBe(204);
  });

  describe('PUT /weeks/:week/entries', () => {
    it('creates, updates and deletes the drafts in one request and answers the week with its totals', async () => {
      const wk = weekAgo(4);
      const first = await put(alice, wk, [
        { date: dayOf(wk, 0), projectId: apollo.id, hours: 8 },
        { date: dayOf(wk, 1), projectId: apollo.id, hours: 7.5, notes: 'x' },
        { date: dayOf(wk, 1), projectId: zeus.id, hours: 0.5 },
      ]);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ week: wk, state: 'draft', days: weekDays(wk) });
      expect(first.body.entries).toHaveLength(3);
      expect(first.body.totals).toEqual({ days: [8, 8, 0, 0, 0, 0, 0], week: 16 });
      expect(first.body.counts).toEqual({ draft: 3, pending: 0, approved: 0, rejected: 0 });
      const [monday, tuesdayApollo] = first.body.entries;
      const second = await put(alice, wk, [
        { id: monday.id, date: dayOf(wk, 0), projectId: apollo.id, hours: 8 }, // unchanged
        { id: tuesdayApollo.id, date: dayOf(wk, 2), projectId: zeus.id, hours: 6, notes: null }, // moved
        { date: dayOf(wk, 4), projectId: apollo.id, hours: 4 }, // new; the Zeus half hour is left out: deleted
      ]);
      expect(second.status).toBe(200);
      expect(second.body.totals).toEqual({ days: [8, 0, 6, 0, 4, 0, 0], week: 18 });
      const byId = new Map(second.body.entries.map((e) => [e.id, e]));
      expect(byId.get(monday.id)).toEqual(monday);
      expect(byId.get(tuesdayApollo.id)).toMatchObject({ date: dayOf(wk, 2), project: { code: 'ZEUS' }, notes: null });
      expect(second.body.entries).toHaveLength(3);
      expect((await week(alice, wk)).body).toEqual(second.body);
    });

    it('is all or nothing: one bad row changes nothing, and each error names its row and field', async () => {
      const wk = weekAgo(5);
      const saved = await put(alice, wk, [{ date: dayOf(wk, 0), projectId: apollo.id, hours: 8 }]);
      await w.env.unchanged(async () => {
        const res = await put(alice, wk, [
          { date: dayOf(wk, 1), projectId: apollo.id, hours: 8 },
          { date: dayOf(wk, 2), projectId: apollo.id, hours: 30 },
          { date: '2020-01-01', projectId: apollo.id, hours: 1 },
          { date: dayOf(wk, 3), projectId: 'nope', hours: 1, owner: 'x' },
        ]);
        expect(res.status).toBe(400);
        expect(fields(res).sort()).toEqual(['entries[1].hours', 'entries[3].owner', 'entries[3].projectId'].sort());
        expect((res.body as unknown as ApiError).message).toEqual(expect.arrayContaining([`Row 2: ${M.hours}`]));
        const outside = await put(alice, wk, [{ date: '2020-01-01', projectId: apollo.id, hours: 1 }]);
        expect(outside.status).toBe(400);
        expect(fields(outside)).toEqual(['entries[0].date']);
        const capped = await put(alice, wk, [
          { id: saved.body.entries[0].id, date: dayOf(wk, 0), projectId: apollo.id, hours: 20 },
          { date: dayOf(wk, 0), projectId: zeus.id, hours: 4.5 },
        ]);
        expect(capped.status).toBe(400);
        expect((capped.body as unknown as ApiError).errors).toEqual([
          { field: 'entries[0].hours', message: R.dailyCap(dayOf(wk, 0), 24.5) },
        ]);
        const unknownId = await put(alice, wk, [
          { id: '00000000-0000-4000-8000-000000000000', date: dayOf(wk, 0), projectId: apollo.id, hours: 1 },
        ]);
        expect(unknownId.status).toBe(400);
        expect(fields(unknownId)).toEqual(['entries[0].id']);
        const badWeek = await w.call('PUT', '/weeks/2025-W53/entries', alice, { entries: [] });
        expect(badWeek.status).toBe(400);
        expect(fields(badWeek)).toEqual(['week']);
      });
    });

    it("never touches someone else's entries", async () => {
      const wk = weekAgo(6);
      const bobs = await put(bob, wk, [{ date: dayOf(wk, 0), projectId: apollo.id, hours: 3 }]);
      await w.env.unchanged(async () => {
        const res = await put(alice, wk, [
          { id: bobs.body.entries[0].id, date: dayOf(wk, 0), projectId: apollo.id, hours: 1 },
        ]);
        expect(res.status).toBe(400);
        expect(fields(res)).toEqual(['entries[0].id']);
      });
      // Alice's empty save deletes her drafts only.
      expect((await put(alice, wk, [])).status).toBe(200);
      expect((await week(bob, wk)).body.entries).toHaveLength(1);
    });
  });

  describe('submitting, rejection and the locked states', () => {
    it('submits the drafts of a week: they become pending at once; nothing left to submit is a 409', async () => {
      const wk = weekAgo(7);
      const saved = await put(alice, wk, [
        { date: dayOf(wk, 0), projectId: apollo.id, hours: 8 },
        { date: dayOf(wk, 1), projectId: zeus.id, hours: 4 },
      ]);
      const submitted = await w.call<WeekDto>('POST', `/weeks/${wk}/submit`, alice);
      expect(submitted.status).toBe(200);
      expect(submitted.body.state).toBe('pending');
      expect(submitted.body.entries.map((e) => e.status)).toEqual(['pending', 'pending']);
      await w.env.unchanged(async () => {
        expect((await w.call('POST', `/weeks/${wk}/submit`, alice)).status).toBe(409);
        const id = saved.body.entries[0].id;
        // A submitted entry is edited, deleted or listed in a week save: 409.
        expect((await w.call('PATCH', `/timesheets/${id}`, alice, { hours: 1 })).status).toBe(409);
        expect((await w.call('DELETE', `/timesheets/${id}`, alice)).status).toBe(409);
        expect((await put(alice, wk, [{ id, date: dayOf(wk, 0), projectId: apollo.id, hours: 1 }])).status).toBe(409);
      });
      // The manager sees it now.
      expect((await w.call('GET', `/timesheets/${saved.body.entries[0].id}`, bob)).status).toBe(200);
    });

    it('returns a rejected entry with its reason; unchanged it stays rejected, edited it is a draft again', async () => {
      const wk = weekAgo(8);
      const saved = await put(alice, wk, [
        { date: dayOf(wk, 0), projectId: apollo.id, hours: 8 },
        { date: dayOf(wk, 1), projectId: apollo.id, hours: 8 },
      ]);
      await w.call('POST', `/weeks/${wk}/submit`, alice);
      const [a, b] = saved.body.entries;
      const rejected = await w.call('POST', '/approvals/decisions', bob, {
        decision: 'reject',
        reason: 'Tuesday was a holiday',
        items: [{ userId: alice.userId, week: wk }],
      });
      expect(rejected.status).toBe(200);
      const view = (await week(alice, wk)).body;
      expect(view.state).toBe('rejected');
      expect(view.entries.every((e) => e.status === 'rejected' && e.rejectionReason === 'Tuesday was a holiday')).toBe(
        true,
      );
      // Saving the week with the first one unchanged and the second edited.
      const saved2 = await put(alice, wk, [
        { id: a.id, date: a.date, projectId: apollo.id, hours: 8 },
        { id: b.id, date: b.date, projectId: apollo.id, hours: 4 },
      ]);
      const byId = new Map(saved2.body.entries.map((e) => [e.id, e]));
      expect(byId.get(a.id)).toMatchObject({ status: 'rejected', rejectionReason: 'Tuesday was a holiday' });
      expect(byId.get(b.id)).toMatchObject({ status: 'draft', rejectionReason: null, decidedBy: null, hours: 4 });
      // PATCH of a rejected entry makes it a draft too.
      const patched = await w.call<TimesheetEntry>('PATCH', `/timesheets/${a.id}`, alice, { notes: 'fixed' });
      expect(patched.body).toMatchObject({ status: 'draft', rejectionReason: null, decidedAt: null, notes: 'fixed' });
      // A rejected entry left out of a week save is deleted, like a draft: the request is the week as it should be.
      await w.call('POST', `/weeks/${wk}/submit`, alice);
      await w.call('POST', '/approvals/decisions', bob, {
        decision: 'reject',
        reason: 'Again',
        items: [{ userId: alice.userId, week: wk }],
      });
      const emptied = await put(alice, wk, [{ id: b.id, date: b.date, projectId: apollo.id, hours: 4 }]);
      expect(emptied.body.entries.map((e) => [e.id, e.status])).toEqual([[b.id, 'rejected']]);
    });

    it('locks approved entries (409)', async () => {
      const wk = weekAgo(9);
      const saved = await put(alice, wk, [{ date: dayOf(wk, 3), projectId: zeus.id, hours: 2 }]);
      await w.call('POST', `/weeks/${wk}/submit`, alice);
      const id = saved.body.entries[0].id;
      const approved = await w.call<TimesheetEntry>('POST', `/timesheets/${id}/approve`, bob);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: bob.sub });
      await w.env.unchanged(async () => {
        expect((await w.call('PATCH', `/timesheets/${id}`, alice, { hours: 1 })).status).toBe(409);
        expect((await w.call('DELETE', `/timesheets/${id}`, alice)).status).toBe(409);
        expect((await put(alice, wk, [{ id, date: dayOf(wk, 3), projectId: zeus.id, hours: 2 }])).status).toBe(409);
        expect((await w.call('POST', `/timesheets/${id}/reject`, bob, { reason: 'x' })).status).toBe(409);
      });
      expect((await week(alice, wk)).body.state).toBe('approved');
    });
  });

  describe('projects open to some groups only', () => {
    it('lets members of an allowed group book (through nesting too) and refuses everyone else, naming projectId', async () => {
      const platform = await w.group('Platform', engineering);
      const carl = await w.person('Carl Platform');
      await w.member(platform, carl);
      const dora = await w.person('Dora Outside');
      const secret = await w.project('SECRET', { groups: [engineering] });
      const date = dayOf(weekAgo(10), 0);
      const bookable = async (who: Person) =>
        (await w.call<{ code: string }[]>('GET', '/projects', who)).body.map((p) => p.code);
      expect(await bookable(alice)).toContain('SECRET');
      expect(await bookable(carl)).toContain('SECRET');
      expect(await bookable(dora)).not.toContain('SECRET');
      expect((await post(carl, { date, projectId: secret.id, hours: 1 })).status).toBe(201);
      await w.env.unchanged(async () => {
        const res = await post(dora, { date, projectId: secret.id, hours: 1 });
        expect(res.status).toBe(400);
        expect((res.body as unknown as ApiError).errors).toEqual([{ field: 'projectId', message: R.projectNotOpen }]);
        const wk = weekAgo(10);
        const row = await put(dora, wk, [
          { date: dayOf(wk, 0), projectId: apollo.id, hours: 1 },
          { date: dayOf(wk, 1), projectId: secret.id, hours: 1 },
        ]);
        expect(fields(row)).toEqual(['entries[1].projectId']);
      });
    });
  });

  it('audits entry create, edit, delete, week saves and submissions', async () => {
    const wk = weekAgo(11);
    const created = await post(alice, { date: dayOf(wk, 0), projectId: apollo.id, hours: 1 });
    await w.call('PATCH', `/timesheets/${created.body.id}`, alice, { hours: 2 });
    await w.call('DELETE', `/timesheets/${created.body.id}`, alice);
    await put(alice, wk, [{ date: dayOf(wk, 1), projectId: apollo.id, hours: 3 }]);
    await w.call('POST', `/weeks/${wk}/submit`, alice);
    const audit = await w.call<{ items: { action: string; targetId: string; actorId: string }[] }>(
      'GET',
      `/admin/audit?actorId=${encodeURIComponent(alice.sub)}&limit=100`,
      w.admin,
    );
    const actions = audit.body.items.map((i) => `${i.action} ${i.targetId}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `timesheet.create ${created.body.id}`,
        `timesheet.update ${created.body.id}`,
        `timesheet.delete ${created.body.id}`,
        `timesheet.save_week ${wk}`,
        `timesheet.submit_week ${wk}`,
      ]),
    );
  });
});

describe.each(databaseEngines())('the latest bookable date, configured (%s)', (engine) => {
  it('with TIMESHEETS_MAX_WEEKS_AHEAD=0 books up to the end of this week only', async () => {
    const w = await startWorld(engine, { TIMESHEETS_MAX_WEEKS_AHEAD: '0' });
    try {
      const alice = await w.person('Alice Now');
      const project = await w.project('NOW');
      const sunday = weekDays(isoWeekOf(today()))[6];
      const post = (date: string) => w.call('POST', '/timesheets', alice, { date, projectId: project.id, hours: 1 });
      expect((await post(sunday)).status).toBe(201);
      const res = await post(addDays(sunday, 1));
      expect((res.body as ApiError).errors).toEqual([{ field: 'date', message: R.dateTooLate(sunday) }]);
    } finally {
      await w.close();
    }
  });
});
