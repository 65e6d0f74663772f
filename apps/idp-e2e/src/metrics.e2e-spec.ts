import { startPolicyStub, type PolicyStub } from './support/policy-stub';
import { loginWithCode, spaClient, startIdp, type RunningIdp } from './support/idp-harness';

const METRICS_KEY = 'idp-metrics-key-0123456789';

describe('the provider metrics endpoint (METRICS_KEY)', () => {
  let policy: PolicyStub;
  let op: RunningIdp;
  let off: RunningIdp;

  beforeAll(async () => {
    policy = await startPolicyStub();
    op = await startIdp(policy, { METRICS_KEY });
    off = await startIdp(policy);
  });
  afterAll(async () => {
    await op?.destroy();
    await off?.destroy();
    await policy?.close();
  });

  const metrics = (issuer: string, authorization?: string) =>
    fetch(`${issuer}/metrics`, { headers: authorization ? { authorization } : {} });

  it('answers only with the key: 401 with a Bearer challenge otherwise', async () => {
    for (const authorization of [undefined, 'Bearer wrong-key-wrong-key-0123', `Basic ${METRICS_KEY}`, METRICS_KEY]) {
      const res = await metrics(op.issuer, authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="timesheets-idp-metrics"');
      expect(await res.text()).not.toContain('timesheets_http_requests_total');
    }
  });

  it('serves the process metrics and the requests by route pattern and status', async () => {
    const client = await spaClient(op.issuer); // discovery
    await loginWithCode(client, 'alice@exampleco.test'); // authorization, interaction pages, token
    expect((await fetch(`${op.issuer}/token`, { method: 'POST' })).status).toBe(400);
    await fetch(`${op.issuer}/no/such/path?x=1`);

    const res = await metrics(op.issuer, `Bearer ${METRICS_KEY}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const count = (labels: string) =>
      Number(new RegExp(`^timesheets_http_requests_total\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    expect(count('method="GET",route="/.well-known/openid-configuration",status="200"')).toBeGreaterThanOrEqual(1);
    expect(count('method="GET",route="/interaction/:uid",status="200"')).toBeGreaterThanOrEqual(1);
    expect(count('method="POST",route="/interaction/:uid/login",status="303"')).toBeGreaterThanOrEqual(1);
    expect(count('method="POST",route="/token",status="200"')).toBeGreaterThanOrEqual(1);
    expect(count('method="POST",route="/token",status="400"')).toBe(1);
    expect(count('method="GET",route="unmatched",status="404"')).toBe(1);
    expect(text).not.toContain('/no/such/path');
    expect(text).toMatch(
      /^timesheets_http_request_duration_seconds_bucket\{le="0.001",method="POST",route="\/token"\}/m,
    );
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
    expect(text).toMatch(/^nodejs_active_handles_total \d+/m);
  });

  it('is off without METRICS_KEY: 404, as any unknown path', async () => {
    expect((await metrics(off.issuer, `Bearer ${METRICS_KEY}`)).status).toBe(404);
    expect((await metrics(off.issuer)).status).toBe(404);
  });
});
