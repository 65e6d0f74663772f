import { http } from '@timesheets/api-testing';
import { createProject, dayCounter, startE2eEnv, type E2eEnv } from './support/env';

describe('operations', () => {
  let env: E2eEnv;
  const METRICS_KEY = 'metrics-key-for-tests-0123456789';
  beforeAll(async () => {
    env = await startE2eEnv('sqlite', { AUTHZ_TRUST_TOKEN_SCOPES: 'true', METRICS_KEY, ACCESS_LOG: 'true' });
  });
  afterAll(() => env.close());

  it('separates liveness from readiness', async () => {
    expect((await http('GET', `${env.api.url}/health/live`)).body).toEqual({ status: 'ok' });
    expect((await http('GET', `${env.api.url}/health/ready`)).body).toEqual({ status: 'ok', database: 'up' });
  });

  it('keeps a safe caller request id and makes one otherwise', async () => {
    const kept = await http('GET', `${env.api.url}/health`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await http('GET', `${env.api.url}/health`, {
      headers: { 'x-request-id': 'evil id with spaces <script>' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one structured access-log line per request, with its request id', async () => {
    env.api.clearEvents();
    const token = env.issuer.mint('logger', 'read:timesheets');
    await http('GET', `${env.api.url}/timesheets`, { token, headers: { 'x-request-id': 'trace-me-1' } });
    const access = env.api.events().filter((e) => e['type'] === 'access');
    expect(access).toEqual([
      {
        type: 'access',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        requestId: 'trace-me-1',
        method: 'GET',
        route: '/api/timesheets',
        status: 200,
        durationMs: expect.any(Number),
        subject: 'logger',
      },
    ]);
  });

  it('serves Prometheus metrics only with the metrics key', async () => {
    await http('GET', `${env.api.url}/timesheets`); // a 401
    await http('GET', `${env.api.url}/timesheets`, { token: env.issuer.mint('u', 'read:timesheets') });
    expect((await http('GET', `${env.api.url}/metrics`)).status).toBe(401);
    expect((await http('GET', `${env.api.url}/metrics`, { token: 'wrong-key-wrong-key' })).status).toBe(401);
    const res = await http<string>('GET', `${env.api.url}/metrics`, { token: METRICS_KEY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toMatch(
      /timesheets_http_requests_total\{method="GET",route="\/api\/timesheets",status="200"\} [1-9]\d*/,
    );
    expect(res.text).toMatch(/timesheets_auth_failures_total\{status="401"\} \d+/);
    expect(res.text).toContain('timesheets_http_request_duration_seconds_bucket');
    // prom-client's process metrics beside them: event-loop lag, GC, heap, handles, memory.
    expect(res.text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(res.text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(res.text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
    expect(res.text).toMatch(/^nodejs_active_handles_total \d+/m);
    expect(res.text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('finishes in-flight requests on shutdown and then refuses new ones', async () => {
    const token = env.issuer.mint('shutdown', 'read:timesheets create:timesheets');
    const projectId = await createProject(env);
    const nextDay = dayCounter();
    const writes = Array.from({ length: 50 }, () =>
      http('POST', `${env.api.url}/timesheets`, { token, body: { date: nextDay(), projectId, hours: 1 } }),
    );
    await Promise.race(writes); // the burst is under way
    const closing = env.api.app.close();
    const results = await Promise.allSettled(writes);
    await closing;
    const acknowledged = results.filter((r) => r.status === 'fulfilled' && r.value.status === 201).length;
    expect(acknowledged).toBeGreaterThan(0);
    for (const r of results) if (r.status === 'fulfilled') expect([201, 503]).toContain(r.value.status);
    // Every acknowledged write is in the database file.
    const { default: Database } = await import('better-sqlite3');
    const file = env.database.url.slice('sqlite:'.length);
    const db = new Database(file, { readonly: true });
    const count = (
      db.prepare("SELECT count(*) AS n FROM timesheet_entries WHERE owner_id = 'shutdown'").get() as { n: number }
    ).n;
    db.close();
    expect(count).toBe(acknowledged);
    env.api.close = async () => undefined; // already closed
  });
});
