import type {
  ApiError,
  BookableProjectDto,
  CustomerDto,
  Page,
  ProjectDto,
  TimesheetEntry,
} from '@timesheets/contracts';
import { TimesheetMessages as M, TimesheetRuleMessages as R } from '@timesheets/contracts';
import { databaseEngines } from '@timesheets/api-testing';
import { dayOf, fields, type Person, startWorld, weekAgo, type World } from './domain-support';

describe.each(databaseEngines())('customers and projects (%s)', (engine) => {
  let w: World;
  let alice: Person;

  beforeAll(async () => {
    w = await startWorld(engine);
    alice = await w.person('Alice Projects');
  });
  afterAll(() => w.close());

  const admin = <T>(method: string, path: string, body?: unknown) => w.call<T>(method, path, w.admin, body);
  const bookable = async (who: Person) => (await w.call<BookableProjectDto[]>('GET', '/projects', who)).body;

  it('creates, renames, archives and restores customers; names are unique whatever their case', async () => {
    const acme = await w.customer('Acme');
    expect(acme).toEqual({ id: expect.any(String), name: 'Acme', archived: false });
    await w.env.unchanged(async () => {
      const again = await admin('POST', '/admin/customers', { name: '  ACME ' });
      expect(again.status).toBe(409);
      expect((again.body as ApiError).message).toBe(R.customerNameTaken('ACME'));
      expect(fields(await admin('POST', '/admin/customers', { name: '' }))).toEqual(['name']);
      expect((await admin('PATCH', `/admin/customers/${acme.id}`, { archived: 'yes' })).status).toBe(400);
    });
    const renamed = await admin<CustomerDto>('PATCH', `/admin/customers/${acme.id}`, { name: 'Acme Corp' });
    expect(renamed.body.name).toBe('Acme Corp');
    await admin('PATCH', `/admin/customers/${acme.id}`, { archived: true });
    expect((await admin<CustomerDto[]>('GET', '/admin/customers')).body.map((c) => c.name)).not.toContain('Acme Corp');
    const all = (await admin<CustomerDto[]>('GET', '/admin/customers?includeArchived=true')).body;
    expect(all.find((c) => c.id === acme.id)).toEqual({ id: acme.id, name: 'Acme Corp', archived: true });
    // No new project for an archived customer.
    const refused = await admin('POST', '/admin/projects', { code: 'ACME1', name: 'x', customerId: acme.id });
    expect(fields(refused)).toEqual(['customerId']);
    await admin('PATCH', `/admin/customers/${acme.id}`, { archived: false });
    expect((await admin('POST', '/admin/projects', { code: 'ACME1', name: 'x', customerId: acme.id })).status).toBe(
      201,
    );
  });

  it('creates projects with a unique upper-case code, a customer, the billable flag and allowed groups', async () => {
    const globex = await w.customer('Globex');
    const team = await w.group('Project team');
    const created = await admin<ProjectDto>('POST', '/admin/projects', {
      code: ' web-2 ',
      name: 'Website, second edition',
      customerId: globex.id,
      billable: true,
      allowedGroupIds: [team.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'WEB-2',
      name: 'Website, second edition',
      customer: { id: globex.id, name: 'Globex' },
      billable: true,
      archived: false,
      allowedGroups: [{ id: team.id, name: 'Project team' }],
    });
    expect((await admin('GET', `/admin/projects/${created.body.id}`)).body).toEqual(created.body);
    await w.env.unchanged(async () => {
      const taken = await admin('POST', '/admin/projects', { code: 'Web-2', name: 'Other' });
      expect(taken.status).toBe(409);
      expect((taken.body as ApiError).message).toBe(R.codeTaken('WEB-2'));
      for (const code of ['W', 'web 2', '-WEB', 'x'.repeat(21), 42])
        expect(fields(await admin('POST', '/admin/projects', { code, name: 'n' }))).toEqual(['code']);
      const unknownGroup = await admin('POST', '/admin/projects', {
        code: 'GRP',
        name: 'n',
        allowedGroupIds: ['00000000-0000-4000-8000-000000000000'],
      });
      expect((unknownGroup.body as ApiError).errors).toEqual([
        { field: 'allowedGroupIds', message: M.allowedGroupIds },
      ]);
      expect(fields(await admin('POST', '/admin/projects', { code: 'OK1', name: 'n', customerId: 'nope' }))).toEqual([
        'customerId',
      ]);
    });
    // Recoding to another project's code is refused; to a free one it works.
    const other = await w.project('OTHER');
    expect((await admin('PATCH', `/admin/projects/${other.id}`, { code: 'web-2' })).status).toBe(409);
    expect((await admin<ProjectDto>('PATCH', `/admin/projects/${other.id}`, { code: 'other-2' })).body.code).toBe(
      'OTHER-2',
    );
  });

  it('archives a project: gone from the bookable list, refused for new bookings (400 naming projectId), restorable', async () => {
    const atlas = await w.project('ATLAS');
    const date = dayOf(weekAgo(2), 0);
    expect((await bookable(alice)).map((p) => p.code)).toContain('ATLAS');
    const draft = await w.call<TimesheetEntry>('POST', '/timesheets', alice, { date, projectId: atlas.id, hours: 1 });
    expect(draft.status).toBe(201);
    await admin('PATCH', `/admin/projects/${atlas.id}`, { archived: true });
    expect((await bookable(alice)).map((p) => p.code)).not.toContain('ATLAS');
    await w.env.unchanged(async () => {
      const res = await w.call('POST', '/timesheets', alice, { date, projectId: atlas.id, hours: 1 });
      expect((res.body as ApiError).errors).toEqual([{ field: 'projectId', message: R.projectArchived('ATLAS') }]);
    });
    // Entries already on it keep their project; editing their hours is fine, moving onto it is not.
    expect((await w.call('PATCH', `/timesheets/${draft.body.id}`, alice, { hours: 2 })).status).toBe(200);
    const archivedList = await admin<Page<ProjectDto>>('GET', '/admin/projects?archived=true&limit=100');
    expect(archivedList.body.items.map((p) => p.code)).toContain('ATLAS');
    await admin('PATCH', `/admin/projects/${atlas.id}`, { archived: false });
    expect((await bookable(alice)).map((p) => p.code)).toContain('ATLAS');
  });

  it('pages and searches the admin list by code', async () => {
    for (const code of ['PG-A', 'PG-B', 'PG-C']) await w.project(code, { name: `Paging ${code}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<ProjectDto> = (
        await admin<Page<ProjectDto>>('GET', `/admin/projects?q=paging&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).body;
      seen.push(...page.items.map((p) => p.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['PG-A', 'PG-B', 'PG-C']);
    expect((await admin<Page<ProjectDto>>('GET', '/admin/projects?q=pg_')).body.items).toEqual([]);
  });

  it('keeps the admin routes to manage:projects and the bookable list to read:projects', async () => {
    await w.env.unchanged(async () => {
      for (const [method, path] of [
        ['GET', '/admin/projects'],
        ['POST', '/admin/projects'],
        ['GET', '/admin/customers'],
        ['POST', '/admin/customers'],
      ])
        expect((await w.call(method, path, alice, method === 'POST' ? {} : undefined)).status).toBe(403);
      // The admin role administers projects but records no time.
      expect((await w.call('GET', '/projects', w.admin)).status).toBe(403);
    });
  });

  it('audits customer and project changes', async () => {
    const p = await w.project('AUDITED');
    await admin('PATCH', `/admin/projects/${p.id}`, { name: 'Audited project', archived: true });
    const audit = await admin<{ items: { action: string; before: ProjectDto | null; after: ProjectDto }[] }>(
      'GET',
      `/admin/audit?targetType=project&targetId=${p.id}`,
    );
    expect(audit.body.items.map((i) => i.action)).toEqual(['project.update', 'project.create']);
    expect(audit.body.items[0].before).toMatchObject({ name: 'Project AUDITED', archived: false });
    expect(audit.body.items[0].after).toMatchObject({ name: 'Audited project', archived: true });
  });
});
