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

  it('finds the routes of the contract', () => {
    const names = routes().map((r) => r.route);
    expect(names.length).toBeGreaterThanOrEqual(9);
    expect(names).toEqual(expect.arrayContaining(['GET /health', 'POST /timesheets/:id/approve', 'GET /approvals']));
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
