import Fastify, { type FastifyInstance } from 'fastify';
import { POLICY_PATH } from '@timesheets/contracts';
import { loadApiConfig, type ApiConfig } from './api-config';
import { createRateLimits } from './rate-limits';

const KEY = 'policy-key-0123456789abcdef';

/** A bare Fastify with the limits in an onRequest hook, as installHttpPolicies runs them. */
async function server(env: Record<string, string>, tracked?: number): Promise<FastifyInstance> {
  const config: ApiConfig = { ...loadApiConfig({ AUTHZ_POLICY_KEY: KEY, ...env }) };
  if (tracked !== undefined) config.rateLimitTrackedAddresses = tracked;
  const app = Fastify();
  const check = await createRateLimits(app, config);
  app.addHook('onRequest', async (request, reply) => {
    const wait = check ? await check(request) : 0;
    if (wait > 0) return reply.code(429).header('retry-after', String(wait)).send();
  });
  app.get('/api/x', async () => 'ok');
  app.post(POLICY_PATH, async () => 'ok');
  await app.ready();
  return app;
}

const get = (app: FastifyInstance, remoteAddress: string) =>
  app.inject({ method: 'GET', url: '/api/x', remoteAddress }).then((r) => r.statusCode);
const policy = (app: FastifyInstance, remoteAddress: string, key: string | undefined) =>
  app
    .inject({ method: 'POST', url: POLICY_PATH, remoteAddress, headers: key ? { 'x-api-key': key } : {} })
    .then((r) => r.statusCode);
const times = async (n: number, f: () => Promise<number>) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
};

describe('createRateLimits', () => {
  it('allows RATE_LIMIT_MAX requests per address and window, then 429 with Retry-After', async () => {
    const app = await server({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
    expect(await times(4, () => get(app, '10.0.0.1'))).toEqual([200, 200, 200, 429]);
    const res = await app.inject({ method: 'GET', url: '/api/x', remoteAddress: '10.0.0.1' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(await get(app, '10.0.0.2')).toBe(200);
    await app.close();
  });

  it('counts an IPv6 /64 as one client', async () => {
    const app = await server({ RATE_LIMIT_MAX: '2' });
    expect(await get(app, '2001:db8:1:2::1')).toBe(200);
    expect(await get(app, '2001:db8:1:2::ffff')).toBe(200);
    expect(await get(app, '2001:db8:1:2:abcd::9')).toBe(429);
    expect(await get(app, '2001:db8:1:3::1')).toBe(200);
    await app.close();
  });

  it('remembers at most RATE_LIMIT_ADDRESSES addresses, dropping the least recently seen', async () => {
    const app = await server({ RATE_LIMIT_MAX: '2' }, 2);
    expect(await times(3, () => get(app, '10.0.0.1'))).toEqual([200, 200, 429]);
    await get(app, '10.0.0.2');
    await get(app, '10.0.0.3'); // evicts 10.0.0.1, the least recently seen
    expect(await get(app, '10.0.0.1')).toBe(200);
    await app.close();
  });

  it('counts policy calls with the valid key in their own bucket, not the address', async () => {
    const app = await server({ RATE_LIMIT_MAX: '2', RATE_LIMIT_POLICY_MAX: '5' });
    expect(await times(5, () => policy(app, '10.0.0.9', KEY))).toEqual([200, 200, 200, 200, 200]);
    expect(await policy(app, '10.0.0.10', KEY)).toBe(429); // one bucket for the key, whatever the address
    // The provider's address still has its own share for anything else.
    expect(await times(3, () => get(app, '10.0.0.9'))).toEqual([200, 200, 429]);
    await app.close();
  });

  it('counts policy calls with a wrong or no key against the address', async () => {
    const app = await server({ RATE_LIMIT_MAX: '2' });
    expect(await policy(app, '10.0.0.7', 'wrong-key-0123456789abc')).toBe(200);
    expect(await policy(app, '10.0.0.7', undefined)).toBe(200);
    expect(await policy(app, '10.0.0.7', 'wrong-key-0123456789abc')).toBe(429);
    expect(await policy(app, '10.0.0.7', KEY)).toBe(200);
    await app.close();
  });

  it('is off when RATE_LIMIT_MAX and RATE_LIMIT_POLICY_MAX are 0', async () => {
    const app = Fastify();
    const config = loadApiConfig({ AUTHZ_POLICY_KEY: KEY, RATE_LIMIT_MAX: '0', RATE_LIMIT_POLICY_MAX: '0' });
    expect(await createRateLimits(app, config)).toBeNull();
    await app.close();
  });
});
