import { parse } from 'csv-parse/sync';
import * as XLSX from '@e965/xlsx';
import {
  addDays,
  type ApiError,
  type CustomerDto,
  type GroupDto,
  type GroupWorkWeekDto,
  type HoursReport,
  isoWeekOf,
  type ProjectDto,
  REPORT_DIMENSIONS,
  type ReportDimension,
  ReportMessages,
  type ReportOptionsDto,
  type TeamWeeksDto,
} from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { fields, type Person, startWorld, today, type World } from '../domain/domain-support';
import { insertEntries, lcg, round2, type Seeded, sqlFor } from './reports-support';

const FROM = '2026-01-01';
const TO = '2026-06-30';
const MAX_DAYS = 200;
const INJECTIONS = ['=HYPERLINK("http://evil.test","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTab', '\rReturn'];

/**
 * Reports over seeded data. People: alice (Engineering), gina (Platform, inside Engineering, and Design), frank
 * (Design), bob (manages Engineering), paula (payroll), no group for bob and paula. Every total is checked against a
 * sum the test makes with its own SQL over the same rows.
 */
describe.each(databaseEngines())('reports and exports (%s)', (engine) => {
  let w: World;
  let alice: Person;
  let gina: Person;
  let frank: Person;
  let bob: Person;
  let paula: Person;
  let engineering: GroupDto;
  let platform: GroupDto;
  let design: GroupDto;
  let acme: CustomerDto;
  let projects: ProjectDto[];
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    w = await startWorld(engine, { REPORTS_MAX_PERIOD_DAYS: String(MAX_DAYS) });
    alice = await w.person('Alice Report');
    gina = await w.person('Gina Report');
    frank = await w.person('Frank Report');
    bob = await w.person('Bob Report', 'manager');
    paula = await w.person('Paula Report', 'payroll');
    engineering = await w.group('Engineering');
    platform = await w.group('Platform', engineering);
    design = await w.group('Design');
    await w.member(engineering, alice);
    await w.member(platform, gina);
    await w.member(design, gina);
    await w.member(design, frank);
    await w.manager(engineering, bob);
    acme = await w.customer('ACME');
    const globex = await w.customer('Globex');
    projects = [
      await w.project('APOLLO', { customer: acme }),
      await w.project('ZEUS', { customer: globex }),
      await w.project('HERMES', { customer: acme }),
      await w.project('INTERNAL'),
    ];
    const internal = await w.call<ProjectDto>('PATCH', `/admin/projects/${projects[3].id}`, w.admin, {
      billable: false,
    });
    expect(internal.body.billable).toBe(false);
    const random = lcg(7);
    const people = [alice, gina, frank, bob, paula];
    const statuses = ['approved', 'approved', 'approved', 'pending', 'rejected', 'draft'] as const;
    for (let i = 0; i < 600; i++) {
      const who = people[Math.floor(random() * people.length)];
      seeded.push({
        ownerId: who.sub,
        ownerName: who.policy.userId === alice.userId ? 'Alice Report' : `Name of ${who.sub.slice(4, 12)}`,
        date: addDays('2025-12-20', Math.floor(random() * 200)),
        projectId: projects[Math.floor(random() * projects.length)].id,
        hours: Math.round((0.25 + random() * 8) * 4) / 4,
        status: statuses[Math.floor(random() * statuses.length)],
        notes: i < INJECTIONS.length ? INJECTIONS[i] : random() < 0.5 ? null : `Notes ${i}, "quoted"; ok`,
      });
    }
    // The injection notes land inside the period, approved, on alice.
    for (let i = 0; i < INJECTIONS.length; i++)
      Object.assign(seeded[i], { ownerId: alice.sub, date: `2026-03-0${i + 1}`, status: 'approved' });
    await insertEntries(w.env.api.db, seeded);
  });
  afterAll(() => w.close());

  const report = (who: Person, query: string) => w.call<HoursReport>('GET', `/reports/hours?${query}`, who);
  const period = `from=${FROM}&to=${TO}`;

  /** The test's own sums: id of the dimension's value -> hours and entries, over pending and approved entries. */
  async function directSums(
    dim: ReportDimension,
    owners: readonly string[] | null,
  ): Promise<Map<string | null, { hours: number; entries: number }>> {
    const key: Record<ReportDimension, string> = {
      person: 'e.owner_id',
      group: 'ug.group_id',
      customer: 'p.customer_id',
      project: 'e.project_id',
      billable: 'p.billable',
      day: 'e.date',
      week: 'e.week',
      month: 'SUBSTR(e.date, 1, 7)',
    };
    const groupJoin =
      dim === 'group'
        ? 'LEFT JOIN authz_users u ON u.subject = e.owner_id LEFT JOIN authz_user_groups ug ON ug.user_id = u.id '
        : '';
    const ownerFilter = owners ? ` AND e.owner_id IN (${owners.map(() => '?').join(', ')})` : '';
    const db = w.env.api.db;
    const rows: { k: unknown; h: number | string; n: number | string }[] = await db.query(
      sqlFor(
        db,
        `SELECT ${key[dim]} AS k, SUM(e.hours) AS h, COUNT(*) AS n FROM timesheet_entries e ` +
          `JOIN projects p ON p.id = e.project_id ${groupJoin}` +
          `WHERE e.date >= ? AND e.date <= ? AND e.status IN ('pending', 'approved')${ownerFilter} GROUP BY ${key[dim]}`,
      ),
      [FROM, TO, ...(owners ?? [])],
    );
    return new Map(
      rows.map((r) => [
        r.k === null ? null : dim === 'billable' ? String(r.k === true || r.k === 1) : String(r.k),
        { hours: round2(Number(r.h)), entries: Number(r.n) },
      ]),
    );
  }

  it.each(REPORT_DIMENSIONS.map((d) => [d]))('groups by %s with the totals of a direct SQL sum', async (dim) => {
    const res = await report(paula, `${period}&groupBy=${dim}`);
    expect(res.status).toBe(200);
    const expected = await directSums(dim, null);
    const got = new Map(res.body.rows.map((r) => [r.keys[0].id, { hours: r.hours, entries: r.entries }]));
    expect(got).toEqual(expected);
    const all = await directSums('month', null);
    const total = [...all.values()].reduce((s, v) => ({ hours: s.hours + v.hours, entries: s.entries + v.entries }), {
      hours: 0,
      entries: 0,
    });
    expect(res.body.totals).toEqual({ hours: round2(total.hours), entries: total.entries });
    expect(res.body.subtotals).toEqual([]);
  });

  it('nests three dimensions: subtotals add up from the rows, each level agrees with the direct sums', async () => {
    const res = await report(paula, `${period}&groupBy=person,project,month`);
    expect(res.status).toBe(200);
    const { rows, subtotals, totals } = res.body;
    expect(rows.every((r) => r.keys.map((k) => k.dimension).join() === 'person,project,month')).toBe(true);
    const sum = (xs: { hours: number; entries: number }[]) => ({
      hours: round2(xs.reduce((s, x) => s + x.hours, 0)),
      entries: xs.reduce((s, x) => s + x.entries, 0),
    });
    for (const sub of subtotals) {
      const under = rows.filter((r) => sub.keys.every((k, i) => r.keys[i].id === k.id));
      expect({ keys: sub.keys.map((k) => k.id), ...sum(under) }).toEqual({
        keys: sub.keys.map((k) => k.id),
        hours: sub.hours,
        entries: sub.entries,
      });
    }
    const people = await directSums('person', null);
    for (const [owner, amount] of people)
      expect(subtotals.find((s) => s.level === 1 && s.keys[0].id === owner)).toMatchObject(amount);
    expect(sum(rows)).toEqual(totals);
    expect(rows.find((r) => r.keys[0].id === alice.sub)?.keys[0].label).toBe('Alice Report');
    expect(rows.find((r) => r.keys[1].id === projects[0].id)?.keys[1].label).toBe('APOLLO Project APOLLO');
  });

  it('counts an entry under each group of its person: group rows may add up to more than the totals', async () => {
    const res = await report(paula, `${period}&groupBy=group,person`);
    const gina1 = res.body.rows.filter((r) => r.keys[1].id === gina.sub).map((r) => r.keys[0].label);
    expect(gina1.sort()).toEqual(['Design', 'Platform']);
    expect(res.body.rows.find((r) => r.keys[1].id === bob.sub)?.keys[0]).toEqual({
      dimension: 'group',
      id: null,
      label: null,
    });
    const people = await directSums('person', null);
    // The person-level subtotal is per group: gina's hours appear twice; the totals count them once.
    const ginaDesign = res.body.rows.find((r) => r.keys[0].id === design.id && r.keys[1].id === gina.sub);
    expect(ginaDesign).toMatchObject(people.get(gina.sub) as object);
    const total = [...people.values()].reduce((s, v) => s + v.entries, 0);
    expect(res.body.totals.entries).toBe(total);
  });

  it('filters by group through nesting, customer, project, billable and status', async () => {
    const byGroup = await report(paula, `${period}&groupBy=person&group=${engineering.id}`);
    expect(byGroup.body.rows.map((r) => r.keys[0].id).sort()).toEqual([alice.sub, gina.sub].sort());
    const byCustomer = await report(paula, `${period}&groupBy=project&customer=${acme.id}`);
    expect(byCustomer.body.rows.map((r) => r.keys[0].id).sort()).toEqual([projects[0].id, projects[2].id].sort());
    const byProject = await report(paula, `${period}&groupBy=customer&project=${projects[1].id}`);
    expect(byProject.body.rows).toHaveLength(1);
    const unbillable = await report(paula, `${period}&groupBy=project&billable=false`);
    expect(unbillable.body.rows.map((r) => r.keys[0].id)).toEqual([projects[3].id]);
    const rejected = await report(paula, `${period}&status=rejected`);
    const [{ n }] = await w.env.api.db.query(
      sqlFor(
        w.env.api.db,
        "SELECT COUNT(*) AS n FROM timesheet_entries WHERE status = 'rejected' AND date >= ? AND date <= ?",
      ),
      [FROM, TO],
    );
    expect(rejected.body.totals.entries).toBe(Number(n));
    expect(rejected.body.status).toEqual(['rejected']);
  });

  it('gives each role exactly its reach, and refuses filters outside it (403, nothing narrowed)', async () => {
    const people = await directSums('person', null);
    const reachOf = async (who: Person) =>
      new Map((await report(who, `${period}&groupBy=person`)).body.rows.map((r) => [r.keys[0].id, r.hours]));
    const hoursOf = (...owners: string[]) =>
      new Map(owners.filter((o) => people.has(o)).map((o) => [o, people.get(o)?.hours]));
    expect(await reachOf(alice)).toEqual(hoursOf(alice.sub));
    expect(await reachOf(bob)).toEqual(hoursOf(bob.sub, alice.sub, gina.sub));
    expect(await reachOf(paula)).toEqual(hoursOf(alice.sub, gina.sub, frank.sub, bob.sub, paula.sub));
    expect(await reachOf(w.admin)).toEqual(await reachOf(paula));

    const refused = async (who: Person, query: string, message: string) => {
      const res = await report(who, `${period}&${query}`);
      expect({ query, status: res.status, message: (res.body as unknown as ApiError).message }).toEqual({
        query,
        status: 403,
        message,
      });
    };
    await refused(alice, `person=${gina.sub}`, ReportMessages.outsideReach('person'));
    await refused(bob, `person=${alice.sub},${frank.sub}`, ReportMessages.outsideReach('person'));
    await refused(bob, `group=${design.id}`, ReportMessages.outsideReach('group'));
    await refused(alice, `group=${engineering.id}`, ReportMessages.outsideReach('group'));
    expect(
      (await report(bob, `${period}&group=${platform.id}&groupBy=person`)).body.rows.map((r) => r.keys[0].id),
    ).toEqual([gina.sub]);
    const noScope = w.env.issuer.mint(alice.sub, 'read:projects');
    const res = await w.api.call<ApiError>('GET', `/reports/hours?${period}`, noScope);
    expect([res.status, res.body.message]).toEqual([403, ReportMessages.noReach]);
  });

  it('reports drafts to their owner only', async () => {
    const drafts = (who: Person) => report(who, `${period}&groupBy=person&status=draft`);
    const mine = (await drafts(alice)).body.rows.map((r) => r.keys[0].id);
    expect(mine).toEqual([alice.sub]);
    expect((await drafts(bob)).body.rows.map((r) => r.keys[0].id)).toEqual([bob.sub]);
    expect((await drafts(paula)).body.rows.map((r) => r.keys[0].id)).toEqual([paula.sub]);
  });

  it('answers 400 naming the field for bad filters, and 200 for a period of exactly the maximum', async () => {
    const bad = async (query: string, field: string) => {
      const res = await report(paula, query);
      expect({ query, status: res.status, fields: fields(res) }).toEqual({ query, status: 400, fields: [field] });
      return res;
    };
    await bad(`${period}&groupBy=person,nope`, 'groupBy');
    await bad(`${period}&groupBy=person,project,month,day`, 'groupBy');
    await bad(`from=2026-02-30&to=${TO}`, 'from');
    await bad(`from=${FROM}&to=2026-6-1`, 'to');
    await bad(`to=${TO}`, 'from');
    const long = await bad(`from=2026-01-01&to=${addDays('2026-01-01', MAX_DAYS)}`, 'to');
    expect((long.body as unknown as ApiError).message).toEqual([ReportMessages.period(MAX_DAYS)]);
    await bad(`from=${TO}&to=${FROM}`, 'from');
    await bad(`${period}&status=approved,bogus`, 'status');
    await bad(`${period}&group=not-a-uuid`, 'group');
    await bad(`${period}&customer=`, 'customer');
    await bad(`${period}&billable=yes`, 'billable');
    await bad(`${period}&groupBy=person,person`, 'groupBy');
    expect((await report(paula, `${period}&colour=red`)).status).toBe(400);
    expect((await report(paula, `from=2026-01-01&to=${addDays('2026-01-01', MAX_DAYS - 1)}`)).status).toBe(200);
    const exp = await w.call('GET', `/reports/hours/export?${period}&format=pdf`, paula);
    expect([exp.status, fields(exp)]).toEqual([400, ['format']]);
  });

  const download = async (who: Person, query: string) => {
    const res = await fetch(`${w.env.api.url}/reports/hours/export?${query}`, {
      headers: { authorization: `Bearer ${who.token}`, origin: 'http://localhost:4200' },
    });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('exports the detail as CSV (RFC 4180, UTF-8) that parses back to the report, injection neutralised', async () => {
    const { res, bytes } = await download(paula, `${period}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="hours-${FROM}-${TO}-detail.csv"`);
    // The SPA (another origin) reads the file name.
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Content-Disposition/i);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length).toBeGreaterThan(2);
    const records: string[][] = parse(text, { relax_column_count: false });
    const [header, ...rest] = records;
    expect(header).toEqual([
      'Date',
      'Week',
      'Person',
      'Email',
      'Customer',
      'Project code',
      'Project',
      'Billable',
      'Status',
      'Hours',
      'Notes',
    ]);
    const lines = rest.slice(0, -1);
    const total = rest[rest.length - 1];
    const json = (await report(paula, period)).body.totals;
    expect(lines).toHaveLength(json.entries);
    expect(round2(lines.reduce((s, l) => s + Number(l[9]), 0))).toBe(json.hours);
    expect([total[0], Number(total[9])]).toEqual(['Total', json.hours]);
    const notes = lines.map((l) => l[10]);
    for (const injected of INJECTIONS) expect(notes).toContain(`'${injected}`);
    expect(notes.some((n) => /^[=+\-@\t\r]/.test(n))).toBe(false);
    expect(lines.find((l) => l[2] === 'Alice Report')?.[3]).toBe('alice.report@e2e.test');
  });

  it('exports CSV with a BOM and decimal commas (semicolon separated) on request', async () => {
    const { bytes } = await download(paula, `${period}&format=csv&kind=aggregate&groupBy=month&bom=true&decimal=comma`);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const records: string[][] = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' });
    const json = (await report(paula, `${period}&groupBy=month`)).body;
    expect(records[0]).toEqual(['Month', 'Hours', 'Entries']);
    expect(records.slice(1, -1)).toEqual(
      json.rows.map((r) => [r.keys[0].id, String(r.hours).replace('.', ','), String(r.entries)]),
    );
    expect(records[records.length - 1]).toEqual([
      'Total',
      String(json.totals.hours).replace('.', ','),
      String(json.totals.entries),
    ]);
  });

  it('exports XLSX (read back by SheetJS): header, typed numbers and dates, totals row, neutralised text', async () => {
    const { res, bytes } = await download(paula, `${period}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = XLSX.read(bytes, { type: 'buffer', cellDates: true });
    const sheet = book.Sheets[book.SheetNames[0]];
    const rows: unknown[][] = XLSX.utils.sheet_to_json(sheet, { header: 1, raw: true });
    expect(rows[0]).toEqual([
      'Date',
      'Week',
      'Person',
      'Email',
      'Customer',
      'Project code',
      'Project',
      'Billable',
      'Status',
      'Hours',
      'Notes',
    ]);
    const json = (await report(paula, period)).body.totals;
    const lines = rows.slice(1, -1);
    expect(lines).toHaveLength(json.entries);
    expect(sheet['J2'].t).toBe('n');
    expect(sheet['A2'].t).toBe('d');
    expect(sheet['H2'].t).toBe('b');
    expect((rows[1][0] as Date).toISOString()).toMatch(/^2026-01-01T00:00:00/);
    expect(round2(lines.reduce((s: number, l) => s + (l[9] as number), 0))).toBe(json.hours);
    const last = rows[rows.length - 1];
    expect([last[0], last[9]]).toEqual(['Total', json.hours]);
    const notes = lines.map((l) => l[10]).filter((n): n is string => typeof n === 'string');
    for (const injected of INJECTIONS) expect(notes).toContain(`'${injected}`);
    expect(Object.keys(sheet).some((k) => (sheet[k] as { f?: string }).f !== undefined)).toBe(false);
  });

  it('exports the aggregate as XLSX matching the report', async () => {
    const { bytes } = await download(bob, `${period}&format=xlsx&kind=aggregate&groupBy=person,billable`);
    const rows: unknown[][] = XLSX.utils.sheet_to_json(XLSX.read(bytes, { type: 'buffer' }).Sheets['Hours'], {
      header: 1,
      raw: true,
      defval: null,
    });
    const json = (await report(bob, `${period}&groupBy=person,billable`)).body;
    expect(rows[0]).toEqual(['Person', 'Billable', 'Hours', 'Entries']);
    expect(rows.slice(1, -1)).toEqual(
      json.rows.map((r) => [r.keys[0].label, r.keys[1].id === 'true', r.hours, r.entries]),
    );
    expect(rows[rows.length - 1]).toEqual(['Total', null, json.totals.hours, json.totals.entries]);
    const refused = await download(alice, `${period}&format=xlsx&person=${gina.sub}`);
    expect(refused.res.status).toBe(403);
  });

  it('offers the filters within reach', async () => {
    const of = async (who: Person) => (await w.call<ReportOptionsDto>('GET', '/reports/options', who)).body;
    const everybody = await of(paula);
    expect(everybody.reach).toBe('everybody');
    expect(everybody.groups.map((g) => g.name)).toEqual(['Design', 'Engineering', 'Platform']);
    expect(everybody.maxPeriodDays).toBe(MAX_DAYS);
    expect(everybody.projects.map((p) => p.code)).toEqual(['APOLLO', 'HERMES', 'INTERNAL', 'ZEUS']);
    const team = await of(bob);
    expect([team.reach, team.people.map((p) => p.ownerId).sort()]).toEqual([
      'team',
      [alice.sub, bob.sub, gina.sub].sort(),
    ]);
    expect(team.groups.map((g) => g.name)).toEqual(['Engineering', 'Platform']);
    const own = await of(alice);
    expect([own.reach, own.people.map((p) => p.ownerId), own.groups]).toEqual(['own', [alice.sub], []]);
  });

  it("shows a manager their team's current and last week against the expected week, configurable per group", async () => {
    const week = isoWeekOf(today());
    const monday = addDays(today(), -((new Date(`${today()}T00:00:00Z`).getUTCDay() + 6) % 7));
    await insertEntries(w.env.api.db, [
      {
        ownerId: alice.sub,
        ownerName: 'Alice Report',
        date: monday,
        projectId: projects[0].id,
        hours: 8,
        status: 'pending',
        notes: null,
      },
      {
        ownerId: alice.sub,
        ownerName: 'Alice Report',
        date: addDays(monday, -7),
        projectId: projects[0].id,
        hours: 30,
        status: 'approved',
        notes: null,
      },
      {
        ownerId: gina.sub,
        ownerName: 'Gina',
        date: monday,
        projectId: projects[1].id,
        hours: 6.5,
        status: 'draft',
        notes: null,
      },
    ]);
    const dashboard = async () => {
      const res = await w.call<TeamWeeksDto>('GET', '/reports/team-weeks', bob);
      expect(res.status).toBe(200);
      return res.body;
    };
    let d = await dashboard();
    expect(d.weeks).toEqual([week, isoWeekOf(addDays(monday, -7))]);
    const person = (dto: TeamWeeksDto, p: Person) => dto.people.find((x) => x.person.ownerId === p.sub);
    expect(d.people.map((p) => p.person.ownerId).sort()).toEqual([alice.sub, gina.sub].sort());
    expect(person(d, alice)).toMatchObject({
      expectedHours: 40,
      weeks: [
        { week, state: 'pending', submitted: true, hours: 8, unsubmittedHours: 0 },
        { state: 'approved', submitted: true, hours: 30 },
      ],
    });
    expect(person(d, gina)?.weeks[0]).toMatchObject({
      state: 'draft',
      submitted: false,
      hours: 0,
      unsubmittedHours: 6.5,
    });
    expect(d.totals[0]).toMatchObject({ week, hours: 8, expectedHours: 80, submitted: 1, people: 2 });

    const set = (g: GroupDto, hours: unknown, who = w.admin) =>
      w.call<GroupWorkWeekDto>('PUT', `/admin/groups/${g.id}/work-week`, who, { expectedWeekHours: hours });
    expect((await set(engineering, 37.5)).body).toEqual({
      groupId: engineering.id,
      expectedWeekHours: 37.5,
      effectiveWeekHours: 37.5,
    });
    d = await dashboard();
    expect([person(d, alice)?.expectedHours, person(d, gina)?.expectedHours]).toEqual([37.5, 37.5]);
    await set(platform, 20);
    await set(design, 10);
    d = await dashboard();
    // gina: Platform's 20 (nearer than Engineering's 37.5) and Design's 10: the larger applies.
    expect([person(d, alice)?.expectedHours, person(d, gina)?.expectedHours]).toEqual([37.5, 20]);
    expect((await w.call<GroupWorkWeekDto>('GET', `/admin/groups/${platform.id}/work-week`, w.admin)).body).toEqual({
      groupId: platform.id,
      expectedWeekHours: 20,
      effectiveWeekHours: 20,
    });
    expect((await set(platform, null)).body).toEqual({
      groupId: platform.id,
      expectedWeekHours: null,
      effectiveWeekHours: 37.5,
    });
    const bad = await set(platform, 169);
    expect([bad.status, fields(bad)]).toEqual([400, ['expectedWeekHours']]);
    expect((await set(platform, 40, bob)).status).toBe(403);
    expect((await w.call('GET', '/reports/team-weeks', alice)).status).toBe(403);
    const badWeek = await w.call('GET', '/reports/team-weeks?week=2026-W60', bob);
    expect([badWeek.status, fields(badWeek)]).toEqual([400, ['week']]);
  });
});
