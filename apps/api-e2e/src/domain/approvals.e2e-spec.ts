import type {
  ApiError,
  ApprovalOptionsDto,
  ApprovalQueueItem,
  ApprovalWeekDto,
  BulkDecisionResponse,
  GroupDto,
  UndoDecisionResponse,
  Page,
  ProjectDto,
  TimesheetEntry,
  UserDetailDto,
  WeekDto,
} from '@timesheets/contracts';
import { TimesheetRuleMessages } from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { dayOf, fields, type Person, startWorld, weekAgo, type World } from './domain-support';

/**
 * Approval lines: Company (managed by dana) has Engineering (bob) and Design (erin); Platform sits inside Engineering.
 * alice is in Engineering, gina in Platform, frank in Design; bob is a member of Engineering as well as its manager.
 */
describe.each(databaseEngines())('approval lines, the queue and bulk decisions (%s)', (engine) => {
  let w: World;
  let alice: Person;
  let gina: Person;
  let frank: Person;
  let bob: Person;
  let erin: Person;
  let dana: Person;
  let employeeManager: Person; // manages a group without approve:timesheets
  let company: GroupDto;
  let engineering: GroupDto;
  let platform: GroupDto;
  let apollo: ProjectDto;
  let zeus: ProjectDto;

  beforeAll(async () => {
    w = await startWorld(engine);
    [alice, gina, frank] = [await w.person('Alice Line'), await w.person('Gina Line'), await w.person('Frank Line')];
    [bob, erin, dana] = [
      await w.person('Bob Line', 'manager'),
      await w.person('Erin Line', 'manager'),
      await w.person('Dana Line', 'manager'),
    ];
    employeeManager = await w.person('Eve Line');
    company = await w.group('Company');
    engineering = await w.group('Engineering', company);
    const design = await w.group('Design', company);
    platform = await w.group('Platform', engineering);
    await w.manager(company, dana);
    await w.manager(engineering, bob);
    await w.manager(design, erin);
    await w.manager(platform, employeeManager);
    for (const [g, p] of [
      [engineering, alice],
      [platform, gina],
      [design, frank],
      [engineering, bob],
    ] as const)
      await w.member(g, p);
    apollo = await w.project('APOLLO');
    zeus = await w.project('ZEUS');
  });
  afterAll(() => w.close());

  /** Saves and submits a week of `who`: 8 h a day on Monday and Tuesday (Apollo), 2 h on Wednesday (Zeus). */
  async function submitted(who: Person, week: string): Promise<WeekDto> {
    const saved = await w.call<WeekDto>('PUT', `/weeks/${week}/entries`, who, {
      entries: [
        { date: dayOf(week, 0), projectId: apollo.id, hours: 8 },
        { date: dayOf(week, 1), projectId: apollo.id, hours: 8 },
        { date: dayOf(week, 2), projectId: zeus.id, hours: 2 },
      ],
    });
    if (saved.status !== 200) throw new Error(saved.text);
    const res = await w.call<WeekDto>('POST', `/weeks/${week}/submit`, who);
    if (res.status !== 200) throw new Error(res.text);
    return res.body;
  }
  const queue = (who: Person, query = '') =>
    w.call<Page<ApprovalQueueItem>>('GET', `/approvals?limit=100${query}`, who);
  const decide = (who: Person, body: unknown) =>
    w.call<BulkDecisionResponse>('POST', '/approvals/decisions', who, body);

  it('shows whom a user approves for, and who approves them, in the admin view', async () => {
    const detail = (p: Person) => w.call<UserDetailDto>('GET', `/admin/users/${p.userId}`, w.admin);
    const bobView = (await detail(bob)).body;
    expect(bobView.manages.map((g) => g.name)).toEqual(['Engineering']);
    expect(bobView.approvesFor.map((a) => [a.user.email, a.via])).toEqual([
      ['alice.line@e2e.test', ['Engineering']],
      ['gina.line@e2e.test', ['Engineering', 'Platform']],
    ]);
    expect(bobView.approvers.map((u) => u.email)).toEqual(['dana.line@e2e.test']);
    const aliceView = (await detail(alice)).body;
    expect(aliceView.approvers.map((u) => u.email).sort()).toEqual(['bob.line@e2e.test', 'dana.line@e2e.test']);
    const group = await w.call<{ managers: { email: string }[] }>('GET', `/admin/groups/${engineering.id}`, w.admin);
    expect(group.body.managers.map((m) => m.email)).toEqual(['bob.line@e2e.test']);
  });

  it('offers the queue filters: the people, the groups managed and below, the projects', async () => {
    const options = await w.call<ApprovalOptionsDto>('GET', '/approvals/options', bob);
    expect(options.body.people.map((p) => p.email)).toEqual(['alice.line@e2e.test', 'gina.line@e2e.test']);
    expect(options.body.groups.map((g) => g.name)).toEqual(['Engineering', 'Platform']);
    expect(options.body.projects.map((p) => p.code)).toEqual(['APOLLO', 'ZEUS']);
    expect((await w.call('GET', '/approvals/options', alice)).status).toBe(403);
  });

  it("gives a manager their people's submitted weeks, through nesting, never their own or another team's", async () => {
    const wk = weekAgo(2);
    for (const p of [alice, gina, frank, bob]) await submitted(p, wk);
    const bobs = (await queue(bob, `&from=${wk}&to=${wk}`)).body.items;
    expect(bobs.map((i) => i.person.email).sort()).toEqual(['alice.line@e2e.test', 'gina.line@e2e.test']);
    expect(bobs[0]).toMatchObject({ week: wk, status: 'pending', hours: 18, entries: 3, days: [8, 8, 2, 0, 0, 0, 0] });
    // bob's own time goes to the manager above him.
    const danas = (await queue(dana, `&from=${wk}&to=${wk}`)).body.items.map((i) => i.person.email).sort();
    expect(danas).toEqual(['alice.line@e2e.test', 'bob.line@e2e.test', 'frank.line@e2e.test', 'gina.line@e2e.test']);
    const erins = (await queue(erin, `&from=${wk}&to=${wk}`)).body.items.map((i) => i.person.email);
    expect(erins).toEqual(['frank.line@e2e.test']);
  });

  it('answers 404 and changes nothing when a manager decides or reads someone they do not approve for', async () => {
    const wk = weekAgo(3);
    const franks = await submitted(frank, wk);
    const bobsOwn = await submitted(bob, wk);
    await w.env.unchanged(async () => {
      const id = franks.entries[0].id;
      expect((await w.call('POST', `/timesheets/${id}/approve`, bob)).status).toBe(404);
      expect((await w.call('POST', `/timesheets/${id}/reject`, bob, { reason: 'no' })).status).toBe(404);
      expect((await w.call('GET', `/timesheets/${id}`, bob)).status).toBe(404);
      expect((await w.call('GET', `/approvals/people/${frank.userId}/weeks/${wk}`, bob)).status).toBe(404);
      expect((await decide(bob, { decision: 'approve', items: [{ userId: frank.userId, week: wk }] })).status).toBe(
        404,
      );
      // Their own: 403 for one entry, 404 for the week (nobody approves their own time).
      expect((await w.call('POST', `/timesheets/${bobsOwn.entries[0].id}/approve`, bob)).status).toBe(403);
      expect((await decide(bob, { decision: 'approve', items: [{ userId: bob.userId, week: wk }] })).status).toBe(404);
      // A group manager without approve:timesheets decides nothing.
      expect((await queue(employeeManager)).status).toBe(403);
    });
    // The manager above decides bob's week.
    const res = await decide(dana, { decision: 'approve', items: [{ userId: bob.userId, week: wk }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      decision: 'approve',
      items: [{ userId: bob.userId, week: wk, entries: 3, hours: 18 }],
      entries: 3,
      decidedAt: expect.any(String),
    });
  });

  it('expands a person-week for its approver, drafts left out', async () => {
    const wk = weekAgo(4);
    const week = await submitted(alice, wk);
    await w.call('POST', '/timesheets', alice, { date: dayOf(wk, 4), projectId: apollo.id, hours: 1 }); // a draft
    const res = await w.call<ApprovalWeekDto>('GET', `/approvals/people/${alice.userId}/weeks/${wk}`, bob);
    expect(res.status).toBe(200);
    expect(res.body.person).toEqual({
      userId: alice.userId,
      ownerId: alice.sub,
      name: 'Alice Line',
      email: 'alice.line@e2e.test',
    });
    expect(res.body.entries.map((e) => e.id)).toEqual(week.entries.map((e) => e.id));
    expect(res.body.totals).toEqual({ days: [8, 8, 2, 0, 0, 0, 0], week: 18 });
  });

  it('filters the queue by person, group, project, weeks and status, and pages it by keyset', async () => {
    const [w5, w6] = [weekAgo(5), weekAgo(6)];
    for (const p of [alice, gina]) for (const wk of [w5, w6]) await submitted(p, wk);
    const range = `&from=${w6}&to=${w5}`;
    const key = (i: ApprovalQueueItem) => `${i.week} ${i.person.email}`;
    const all = (await queue(bob, range)).body.items;
    // Pending: the oldest week first, then person by person.
    expect(all.map((i) => i.week)).toEqual([w6, w6, w5, w5]);
    expect(all.map(key).sort()).toEqual(
      [
        `${w6} alice.line@e2e.test`,
        `${w6} gina.line@e2e.test`,
        `${w5} alice.line@e2e.test`,
        `${w5} gina.line@e2e.test`,
      ].sort(),
    );
    expect((await queue(bob, `${range}&person=${gina.userId}`)).body.items.map(key)).toEqual([
      `${w6} gina.line@e2e.test`,
      `${w5} gina.line@e2e.test`,
    ]);
    expect(
      (await queue(bob, `${range}&group=${platform.id}`)).body.items.every((i) => i.person.userId === gina.userId),
    ).toBe(true);
    expect((await queue(bob, `${range}&group=${company.id}`)).body.items).toHaveLength(4);
    const zeusOnly = (await queue(bob, `${range}&project=${zeus.id}`)).body.items;
    expect(zeusOnly.map((i) => [i.hours, i.entries])).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
    // Pages of one, in order, each once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<ApprovalQueueItem> = (
        await w.call<Page<ApprovalQueueItem>>(
          'GET',
          `/approvals?limit=1${range}${cursor ? `&cursor=${cursor}` : ''}`,
          bob,
        )
      ).body;
      seen.push(...page.items.map(key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual((await queue(bob, range)).body.items.map(key));
    // Decided weeks leave the pending queue and appear under their status, newest week first.
    await decide(bob, {
      decision: 'approve',
      items: [
        { userId: alice.userId, week: w5 },
        { userId: alice.userId, week: w6 },
      ],
    });
    expect((await queue(bob, `${range}&person=${alice.userId}`)).body.items).toEqual([]);
    expect((await queue(bob, `${range}&person=${alice.userId}&status=approved`)).body.items.map((i) => i.week)).toEqual(
      [w5, w6],
    );
    for (const q of ['status=draft', 'person=nope', 'from=2026-W99', `from=${w5}&to=${w6}`, 'cursor=%%', 'limit=0']) {
      expect({ q, status: (await w.call('GET', `/approvals?${q}`, bob)).status }).toEqual({ q, status: 400 });
    }
  });

  describe('bulk decisions', () => {
    it('approve many person-weeks in one request and audit each', async () => {
      const wk = weekAgo(7);
      await submitted(alice, wk);
      await submitted(gina, wk);
      const res = await decide(bob, {
        decision: 'approve',
        items: [
          { userId: alice.userId, week: wk },
          { userId: gina.userId, week: wk },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.entries).toBe(6);
      const aliceWeek = (await w.call<WeekDto>('GET', `/weeks/${wk}`, alice)).body;
      expect(aliceWeek.state).toBe('approved');
      expect(aliceWeek.entries.every((e: TimesheetEntry) => e.decidedBy === bob.sub && e.decidedAt !== null)).toBe(
        true,
      );
      const audit = await w.call<{ items: { action: string; after: { userId: string } }[] }>(
        'GET',
        `/admin/audit?action=timesheet.approve_week&targetId=${wk}`,
        w.admin,
      );
      expect(audit.body.items.map((i) => i.after.userId).sort()).toEqual([alice.userId, gina.userId].sort());
    });

    it('change nothing when one item is bad: not one of theirs (404), nothing pending or a duplicate (409/400)', async () => {
      const wk = weekAgo(8);
      await submitted(alice, wk);
      await submitted(frank, wk);
      await w.env.unchanged(async () => {
        const notTheirs = await decide(bob, {
          decision: 'approve',
          items: [
            { userId: alice.userId, week: wk },
            { userId: frank.userId, week: wk },
          ],
        });
        expect(notTheirs.status).toBe(404);
        expect((notTheirs.body as unknown as ApiError).message).toContain('Item 2');
        const nothingPending = await decide(bob, {
          decision: 'approve',
          items: [
            { userId: alice.userId, week: wk },
            { userId: gina.userId, week: wk },
          ],
        });
        expect(nothingPending.status).toBe(409);
        const twice = await decide(bob, {
          decision: 'approve',
          items: [
            { userId: alice.userId, week: wk },
            { userId: alice.userId, week: wk },
          ],
        });
        expect(twice.status).toBe(400);
        expect(fields(twice)).toEqual(['items[1]']);
        const noReason = await decide(bob, { decision: 'reject', items: [{ userId: alice.userId, week: wk }] });
        expect(noReason.status).toBe(400);
        expect(fields(noReason)).toEqual(['reason']);
        for (const body of [
          { decision: 'approve', items: [] },
          { decision: 'maybe', items: [{ userId: alice.userId, week: wk }] },
          { decision: 'approve', items: [{ userId: alice.userId, week: '2026-13' }] },
          { decision: 'approve', items: Array.from({ length: 101 }, () => ({ userId: alice.userId, week: wk })) },
        ])
          expect((await decide(bob, body)).status).toBe(400);
      });
    });

    it('decide each entry once under twenty concurrent bulk approvals', async () => {
      const wk = weekAgo(9);
      await submitted(alice, wk);
      await submitted(gina, wk);
      const body = {
        decision: 'approve',
        items: [
          { userId: alice.userId, week: wk },
          { userId: gina.userId, week: wk },
        ],
      };
      const results = await Promise.all(Array.from({ length: 20 }, () => decide(bob, body)));
      expect(results.map((r) => r.status).sort()).toEqual([200, ...Array.from({ length: 19 }, () => 409)]);
      const p = engine === 'postgres' ? (n: number) => `$${n}` : () => '?';
      const rows: { status: string; version: number | string }[] = await w.env.api.db.query(
        `SELECT status, version FROM timesheet_entries WHERE week = ${p(1)} AND owner_id IN (${p(2)}, ${p(3)})`,
        [wk, alice.sub, gina.sub],
      );
      expect(rows).toHaveLength(6);
      // created (1), submitted (2), approved once (3)
      expect(rows.map((r) => [r.status, Number(r.version)])).toEqual(Array.from({ length: 6 }, () => ['approved', 3]));
      const audits: { n: number | string }[] = await w.env.api.db.query(
        `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'timesheet.approve_week' AND target_id = ${p(1)}`,
        [wk],
      );
      expect(Number(audits[0].n)).toBe(2);
    });

    it('reject with a reason', async () => {
      const wk = weekAgo(10);
      await submitted(gina, wk);
      const res = await decide(bob, {
        decision: 'reject',
        reason: '  Wrong project  ',
        items: [{ userId: gina.userId, week: wk }],
      });
      expect(res.status).toBe(200);
      const week = (await w.call<WeekDto>('GET', `/weeks/${wk}`, gina)).body;
      expect(week.entries.every((e) => e.status === 'rejected' && e.rejectionReason === 'Wrong project')).toBe(true);
    });
  });

  describe('undoing a decision', () => {
    const undo = (who: Person, body: unknown) =>
      w.call<UndoDecisionResponse>('POST', '/approvals/decisions/undo', who, body);
    const itemsOf = (res: { body: BulkDecisionResponse }) =>
      res.body.items.map(({ userId, week, entries }) => ({ userId, week, entries }));

    it("takes back the approver's own decision of moments ago: the weeks are pending again, audited", async () => {
      const wk = weekAgo(12);
      await submitted(alice, wk);
      await submitted(gina, wk);
      const decided = await decide(bob, {
        decision: 'approve',
        items: [
          { userId: alice.userId, week: wk },
          { userId: gina.userId, week: wk },
        ],
      });
      expect(decided.status).toBe(200);
      expect(Date.parse(decided.body.decidedAt)).not.toBeNaN();
      const res = await undo(bob, { decision: 'approve', decidedAt: decided.body.decidedAt, items: itemsOf(decided) });
      expect(res.status).toBe(200);
      expect(res.body.entries).toBe(6);
      for (const who of [alice, gina]) {
        const week = (await w.call<WeekDto>('GET', `/weeks/${wk}`, who)).body;
        expect(week.state).toBe('pending');
        expect(week.entries.every((e) => e.status === 'pending' && e.decidedBy === null && e.decidedAt === null)).toBe(
          true,
        );
      }
      const audit = await w.call<{ items: { action: string }[] }>(
        'GET',
        `/admin/audit?action=timesheet.undo_approve_week&targetId=${wk}`,
        w.admin,
      );
      expect(audit.body.items).toHaveLength(2);
      // Pending again, so it can be decided anew; the undone decision cannot be undone twice.
      expect(
        (await undo(bob, { decision: 'approve', decidedAt: decided.body.decidedAt, items: itemsOf(decided) })).status,
      ).toBe(409);
      expect(
        (await decide(bob, { decision: 'reject', reason: 'Split it', items: [{ userId: alice.userId, week: wk }] }))
          .status,
      ).toBe(200);
    });

    it('changes nothing once anything else happened, for someone else, too late, or when asked wrongly', async () => {
      const wk = weekAgo(13);
      await submitted(alice, wk);
      await submitted(gina, wk);
      const rejected = await decide(bob, {
        decision: 'reject',
        reason: 'Wrong project',
        items: [
          { userId: alice.userId, week: wk },
          { userId: gina.userId, week: wk },
        ],
      });
      expect(rejected.status).toBe(200);
      const body = { decision: 'reject', decidedAt: rejected.body.decidedAt, items: itemsOf(rejected) };
      // Gina corrects one of her rejected entries: her week is no longer as the decision left it.
      const ginaWeek = (await w.call<WeekDto>('GET', `/weeks/${wk}`, gina)).body;
      const edited = await w.call('PATCH', `/timesheets/${ginaWeek.entries[0].id}`, gina, { hours: 7 });
      expect(edited.status).toBe(200);
      await w.env.unchanged(async () => {
        const changed = await undo(bob, body);
        expect(changed.status).toBe(409);
        expect((changed.body as unknown as ApiError).message).toBe(
          `Item 2: ${TimesheetRuleMessages.changedSinceDecision}`,
        );
        // Dana approves for Alice too, but the decision is Bob's.
        expect((await undo(dana, { ...body, items: [body.items[0]] })).status).toBe(409);
        // Erin does not approve for Alice at all.
        expect((await undo(erin, { ...body, items: [body.items[0]] })).status).toBe(404);
        // The wrong decision, the wrong count, or another time: not this decision.
        expect((await undo(bob, { ...body, decision: 'approve', items: [body.items[0]] })).status).toBe(409);
        expect((await undo(bob, { ...body, items: [{ ...body.items[0], entries: 2 }] })).status).toBe(409);
        const tooLate = await undo(bob, {
          ...body,
          decidedAt: new Date(Date.parse(rejected.body.decidedAt) - 10 * 60_000).toISOString(),
          items: [body.items[0]],
        });
        expect(tooLate.status).toBe(409);
        expect((tooLate.body as unknown as ApiError).message).toBe(TimesheetRuleMessages.undoTooLate);
        for (const bad of [
          { ...body, decidedAt: 'yesterday' },
          { ...body, items: [] },
          { ...body, items: [{ ...body.items[0], entries: 0 }] },
          { ...body, items: [{ userId: alice.userId, week: wk }] },
        ])
          expect((await undo(bob, bad)).status).toBe(400);
      });
      // Alice's week alone is still as the decision left it: that much can be undone.
      expect((await undo(bob, { ...body, items: [body.items[0]] })).status).toBe(200);
      expect((await w.call<WeekDto>('GET', `/weeks/${wk}`, alice)).body.state).toBe('pending');
    });
  });

  it('follows changes of the lines at once: a manager removed decides nothing more', async () => {
    const wk = weekAgo(11);
    await submitted(gina, wk);
    await w.call('DELETE', `/admin/groups/${engineering.id}/managers/${bob.userId}`, w.admin);
    try {
      await w.env.unchanged(async () => {
        expect((await queue(bob)).body.items).toEqual([]);
        expect((await decide(bob, { decision: 'approve', items: [{ userId: gina.userId, week: wk }] })).status).toBe(
          404,
        );
      });
    } finally {
      await w.manager(engineering, bob);
    }
    expect((await decide(bob, { decision: 'approve', items: [{ userId: gina.userId, week: wk }] })).status).toBe(200);
  });
});
