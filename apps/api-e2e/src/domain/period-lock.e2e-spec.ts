import type { PeriodLockDto, TimesheetEntry, WeekDto } from '@timesheets/contracts';
import { TimesheetRuleMessages as R } from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { dayOf, fields, type Person, startWorld, weekAgo, type World } from './domain-support';

/** Nothing dated on or before the lock is created, edited, deleted, submitted or decided; moving it is audited. */
describe.each(databaseEngines())('the period lock (%s)', (engine) => {
  let w: World;
  let alice: Person;
  let bob: Person;
  let projectId: string;
  const wk = weekAgo(3);
  const locked = dayOf(wk, 2); // Wednesday: locked through it
  const open = dayOf(wk, 3);

  const setLock = (lockedThrough: string | null) =>
    w.call<PeriodLockDto>('PUT', '/admin/period-lock', w.admin, { lockedThrough });

  beforeAll(async () => {
    w = await startWorld(engine);
    alice = await w.person('Alice Lock');
    bob = await w.person('Bob Lock', 'manager');
    const team = await w.group('Lock team');
    await w.member(team, alice);
    await w.manager(team, bob);
    projectId = (await w.project('LOCKED')).id;
  });
  afterAll(() => w.close());

  it('refuses every change on or before the lock (409) and allows the day after', async () => {
    const post = (date: string, hours = 1) =>
      w.call<TimesheetEntry>('POST', '/timesheets', alice, { date, projectId, hours });
    const draft = (await post(locked)).body;
    const pending = (await post(dayOf(wk, 1))).body;
    const other = (await post(dayOf(wk, 0))).body;
    await w.call('POST', `/weeks/${wk}/submit`, alice); // all three pending
    const later = (await post(open)).body; // a draft after the lock
    await post(dayOf(wk, 0), 0.5); // a draft before it
    const moved = await setLock(locked);
    expect(moved.body).toMatchObject({ lockedThrough: locked, updatedBy: 'Ada Admin' });
    expect((await w.call<PeriodLockDto>('GET', '/period-lock', alice)).body.lockedThrough).toBe(locked);
    expect((await w.call<WeekDto>('GET', `/weeks/${wk}`, alice)).body.lockedThrough).toBe(locked);

    await w.env.unchanged(async () => {
      const creating = await post(locked);
      expect(creating.status).toBe(409);
      expect(creating.body).toMatchObject({ message: R.locked(locked) });
      expect((await w.call('PATCH', `/timesheets/${later.id}`, alice, { date: locked })).status).toBe(409);
      expect((await w.call('DELETE', `/timesheets/${draft.id}`, alice)).status).toBe(409);
      const save = await w.call('PUT', `/weeks/${wk}/entries`, alice, {
        entries: [{ date: dayOf(wk, 0), projectId, hours: 1 }],
      });
      expect(save.status).toBe(409);
      // The week has a draft on Monday: its submission would change something locked.
      expect((await w.call('POST', `/weeks/${wk}/submit`, alice)).status).toBe(409);
      expect((await w.call('POST', `/timesheets/${pending.id}/approve`, bob)).status).toBe(409);
      expect((await w.call('POST', `/timesheets/${other.id}/reject`, bob, { reason: 'x' })).status).toBe(409);
      expect(
        (
          await w.call('POST', '/approvals/decisions', bob, {
            decision: 'approve',
            items: [{ userId: alice.userId, week: wk }],
          })
        ).status,
      ).toBe(409);
    });
    // After the lock: still free.
    expect((await post(open, 2)).status).toBe(201);
    expect((await w.call('PATCH', `/timesheets/${later.id}`, alice, { hours: 3 })).status).toBe(200);
  });

  it('is moved by admins only, with a valid date or null, and every move is audited', async () => {
    await w.env.unchanged(async () => {
      expect((await w.call('PUT', '/admin/period-lock', alice, { lockedThrough: null })).status).toBe(403);
      expect((await w.call('PUT', '/admin/period-lock', bob, { lockedThrough: null })).status).toBe(403);
      for (const body of [
        {},
        { lockedThrough: '2026-02-30' },
        { lockedThrough: 20260101 },
        { lockedThrough: null, x: 1 },
      ])
        expect((await w.call('PUT', '/admin/period-lock', w.admin, body)).status).toBe(400);
      expect(fields(await w.call('PUT', '/admin/period-lock', w.admin, { lockedThrough: 'soon' }))).toEqual([
        'lockedThrough',
      ]);
    });
    const before = (await w.call<PeriodLockDto>('GET', '/admin/period-lock', w.admin)).body.lockedThrough;
    const lifted = await setLock(null);
    expect(lifted.body.lockedThrough).toBeNull();
    const audit = await w.call<{ items: { action: string; before: PeriodLockDto; after: PeriodLockDto }[] }>(
      'GET',
      '/admin/audit?action=period_lock.set',
      w.admin,
    );
    expect(audit.body.items[0]).toMatchObject({
      before: { lockedThrough: before },
      after: { lockedThrough: null, updatedBy: 'Ada Admin' },
    });
    expect(audit.body.items.length).toBeGreaterThanOrEqual(2);
  });
});
