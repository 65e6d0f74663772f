import { http } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from './support/env';
import { appRoutes } from './support/routes';

/**
 * Walks every route of the running application and fails on one that declares neither scopes nor @Public():
 * the deny-by-default guard would close it anyway, but a forgotten declaration is a bug worth failing the build for.
 */
describe('route inventory', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2eEnv('sqlite', { AUTHZ_TRUST_TOKEN_SCOPES: 'true' });
  });
  afterAll(() => env.close());

  const routes = () => appRoutes(env.api.app);

  it('finds the routes of the contract, each with its scopes', () => {
    const found = new Map(routes().map((r) => [r.route, r.isPublic ? 'public' : (r.scopes ?? []).join(' ')]));
    const expected: Record<string, string> = {
      'GET /health': 'public',
      'GET /timesheets': 'read:timesheets',
      'GET /timesheets/:id': 'read:timesheets',
      'POST /timesheets': 'create:timesheets',
      'PATCH /timesheets/:id': 'create:timesheets',
      'DELETE /timesheets/:id': 'delete:timesheets',
      'POST /timesheets/:id/approve': 'approve:timesheets',
      'POST /timesheets/:id/reject': 'approve:timesheets',
      'GET /weeks/:week': 'read:timesheets',
      'PUT /weeks/:week/entries': 'create:timesheets',
      'POST /weeks/:week/submit': 'create:timesheets',
      'GET /approvals': 'approve:timesheets',
      'GET /approvals/options': 'approve:timesheets',
      'GET /approvals/people/:userId/weeks/:week': 'approve:timesheets',
      'POST /approvals/decisions': 'approve:timesheets',
      'POST /approvals/decisions/undo': 'approve:timesheets',
      'GET /projects': 'read:projects',
      'GET /period-lock': '',
      'GET /admin/customers': 'manage:projects',
      'POST /admin/customers': 'manage:projects',
      'PATCH /admin/customers/:id': 'manage:projects',
      'GET /admin/projects': 'manage:projects',
      'POST /admin/projects': 'manage:projects',
      'GET /admin/projects/:id': 'manage:projects',
      'PATCH /admin/projects/:id': 'manage:projects',
      'GET /admin/period-lock': 'manage:period-lock',
      'PUT /admin/period-lock': 'manage:period-lock',
      'PUT /admin/groups/:id/managers/:userId': 'update:groups',
      'DELETE /admin/groups/:id/managers/:userId': 'update:groups',
      // Reports: any valid token; the reach rule decides whose time (read:reports, approve:timesheets, read:timesheets).
      'GET /reports/hours': '',
      'GET /reports/hours/export': '',
      'GET /reports/options': '',
      'GET /reports/team-weeks': 'approve:timesheets',
      'GET /admin/groups/:id/work-week': 'read:groups',
      'PUT /admin/groups/:id/work-week': 'update:groups',
      'GET /admin/clients': 'manage:clients',
      'POST /admin/clients': 'manage:clients',
      'GET /admin/clients/:id': 'manage:clients',
      'PATCH /admin/clients/:id': 'manage:clients',
      'POST /admin/clients/:id/secret': 'manage:clients',
      'POST /admin/clients/:id/revoke': 'manage:clients',
      'POST /imports/timesheets': 'import:timesheets',
      'POST /admin/users/:id/access-preview': 'update:users',
    };
    for (const [route, scopes] of Object.entries(expected))
      expect({ route, scopes: found.get(route) }).toEqual({ route, scopes });
  });

  it('every route declares its scopes or @Public()', () => {
    const undeclared = routes().filter((r) => !r.isPublic && r.scopes === undefined);
    expect(undeclared.map((r) => r.route)).toEqual([]);
  });

  it('only the health checks, metrics and the policy endpoints of the provider are public', () => {
    const pub = routes()
      .filter((r) => r.isPublic)
      .map((r) => r.route)
      .sort();
    expect(pub).toContain('GET /health');
    expect(
      pub.every((r) =>
        [
          'GET /health',
          'POST /authz/policy',
          'POST /authz/client-policy',
          'GET /health/live',
          'GET /health/ready',
          'GET /metrics',
        ].includes(r),
      ),
    ).toBe(true);
  });

  it('the OpenAPI document declares bearer security on every protected route', async () => {
    const res = await http<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>(
      'GET',
      `${env.api.url}/docs/openapi.json`,
    );
    expect(res.status).toBe(200);
    for (const [path, ops] of Object.entries(res.body.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (path.startsWith('/api/health') || path.startsWith('/api/authz/') || path === '/api/metrics') continue;
        expect({ route: `${method} ${path}`, security: op.security }).toEqual({
          route: `${method} ${path}`,
          security: [{ bearer: [] }],
        });
      }
    }
  });
});

describe('the OpenAPI document of time booking', () => {
  let env: E2eEnv;
  beforeAll(async () => {
    env = await startE2eEnv('sqlite', { AUTHZ_TRUST_TOKEN_SCOPES: 'true' });
  });
  afterAll(() => env.close());

  type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; required?: string[] };
  type Doc = {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, { schema: Schema }> };
          responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
        }
      >
    >;
    components: { schemas: Record<string, Schema> };
  };

  it('documents the request and response shapes, an entry as the API builds it', async () => {
    const doc = (await http<Doc>('GET', `${env.api.url}/docs/openapi.json`)).body;
    const resolve = (s: Schema): Schema => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop() as string] : s);
    const response = (path: string, method: string, status: string) =>
      resolve(doc.paths[path][method].responses[status].content?.['application/json'].schema as Schema);
    const request = (path: string, method: string) =>
      resolve(doc.paths[path][method].requestBody?.content['application/json'].schema as Schema);
    const entryKeys = [
      'id',
      'ownerId',
      'ownerName',
      'date',
      'project',
      'hours',
      'notes',
      'status',
      'decidedBy',
      'decidedAt',
      'rejectionReason',
      'createdAt',
      'updatedAt',
    ];
    const entry = response('/api/timesheets/{id}', 'get', '200');
    expect(Object.keys(entry.properties ?? {})).toEqual(entryKeys);
    expect(Object.keys(entry.properties?.['project'].properties ?? {})).toEqual(['id', 'code', 'name']);
    expect(Object.keys(response('/api/timesheets', 'post', '201').properties ?? {})).toEqual(entryKeys);
    const page = response('/api/timesheets', 'get', '200');
    expect(Object.keys(resolve(page.properties?.['items'].items as Schema).properties ?? {})).toEqual(entryKeys);
    expect(Object.keys(request('/api/timesheets', 'post').properties ?? {}).sort()).toEqual([
      'date',
      'hours',
      'notes',
      'projectId',
    ]);
    const week = request('/api/weeks/{week}/entries', 'put');
    expect(Object.keys(resolve(week.properties?.['entries'].items as Schema).properties ?? {}).sort()).toEqual([
      'date',
      'hours',
      'id',
      'notes',
      'projectId',
    ]);
    expect(Object.keys(response('/api/weeks/{week}', 'get', '200').properties ?? {})).toEqual(
      expect.arrayContaining(['week', 'days', 'state', 'entries', 'totals', 'counts', 'lockedThrough', 'latestDate']),
    );
    expect(Object.keys(response('/api/approvals', 'get', '200').properties ?? {})).toEqual(['items', 'nextCursor']);
    expect(Object.keys(response('/api/reports/hours', 'get', '200').properties ?? {})).toEqual([
      'from',
      'to',
      'groupBy',
      'status',
      'rows',
      'subtotals',
      'totals',
    ]);
    expect(Object.keys(response('/api/reports/team-weeks', 'get', '200').properties ?? {})).toEqual([
      'weeks',
      'people',
      'totals',
    ]);
    expect(Object.keys(request('/api/admin/groups/{id}/work-week', 'put').properties ?? {})).toEqual([
      'expectedWeekHours',
    ]);
    expect(Object.keys(request('/api/approvals/decisions', 'post').properties ?? {}).sort()).toEqual([
      'decision',
      'items',
      'reason',
    ]);
    for (const [path, method] of [
      ['/api/admin/projects', 'post'],
      ['/api/admin/customers', 'post'],
      ['/api/admin/period-lock', 'put'],
    ])
      expect({ path, documented: Object.keys(request(path, method).properties ?? {}).length > 0 }).toEqual({
        path,
        documented: true,
      });
  });
});
