import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePolicyResponse, PolicyClient, PolicyUnavailableError } from './policy-client';

describe('PolicyClient', () => {
  let server: Server;
  let url: string;
  let behaviour: 'ok' | 'slow' | '500' | 'garbage' | 'redirect' | 'huge' | 'drop-reused' = 'ok';
  let seenKey: string | undefined;
  let connections = 0;
  const requestsOn = new WeakMap<object, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      seenKey = req.headers['x-api-key'] as string;
      const n = (requestsOn.get(req.socket) ?? 0) + 1;
      requestsOn.set(req.socket, n);
      // As if the API had closed this idle kept-alive connection just when the client reused it.
      if (behaviour === 'drop-reused' && n > 1) return void req.socket.destroy();
      if (behaviour === 'slow') return void setTimeout(() => res.end('{}'), 1500);
      if (behaviour === '500') return void res.writeHead(500).end();
      if (behaviour === 'redirect') return void res.writeHead(307, { location: '/elsewhere' }).end();
      if (behaviour === 'huge') return void res.end(`{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`);
      res.setHeader('content-type', 'application/json');
      res.end(
        behaviour === 'garbage'
          ? '{"blocked":"no"}'
          : '{"userId":"u","blocked":false,"roles":[],"groups":[],"permissions":["read:timesheets"]}',
      );
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/authz/policy`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((r) => server.close(r));
  });

  // Generous, so a loaded CI machine does not time out; the slow case waits far longer than this.
  const client = () => new PolicyClient({ policyUrl: url, policyKey: 'k'.repeat(16), policyTimeoutMs: 1000 });
  const req = { subject: 's', issuer: 'i', email: 'e', name: 'n', clientId: 'c' };

  it('sends the key and parses the answer', async () => {
    behaviour = 'ok';
    await expect(client().evaluate(req)).resolves.toMatchObject({ permissions: ['read:timesheets'] });
    expect(seenKey).toBe('k'.repeat(16));
  });

  it('keeps the connection alive between requests', async () => {
    behaviour = 'ok';
    const c = client();
    const before = connections;
    for (let i = 0; i < 3; i++) await expect(c.evaluate(req)).resolves.toMatchObject({ blocked: false });
    expect(connections - before).toBe(1);
    c.close();
  });

  it('retries once on a new connection when a kept-alive one was closed by the API', async () => {
    behaviour = 'drop-reused';
    const c = client();
    await expect(c.evaluate(req)).resolves.toMatchObject({ blocked: false });
    await expect(c.evaluate(req)).resolves.toMatchObject({ blocked: false });
    c.close();
  });

  it.each(['slow', '500', 'garbage', 'redirect', 'huge'] as const)(
    'fails closed when the endpoint is %s',
    async (b) => {
      behaviour = b;
      await expect(client().evaluate(req)).rejects.toBeInstanceOf(PolicyUnavailableError);
    },
  );

  it('fails closed when nothing listens', async () => {
    const c = new PolicyClient({ policyUrl: 'http://127.0.0.1:1/x', policyKey: 'k'.repeat(16), policyTimeoutMs: 200 });
    await expect(c.evaluate(req)).rejects.toBeInstanceOf(PolicyUnavailableError);
  });

  it('shares one call between identical requests in flight, and keeps nothing afterwards', async () => {
    behaviour = 'ok';
    const c = client();
    let calls = 0;
    const count = () => calls++;
    server.on('request', count);
    try {
      const [a, b] = await Promise.all([c.evaluate(req), c.evaluate(req)]);
      expect(a).toEqual(b);
      expect(calls).toBe(1);
      await Promise.all([c.evaluate(req), c.evaluate({ ...req, subject: 'other' })]);
      expect(calls).toBe(3);
      await c.evaluate(req);
      expect(calls).toBe(4);

      behaviour = '500';
      const failed = await Promise.allSettled([c.evaluate(req), c.evaluate(req)]);
      expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(calls).toBe(5);
      behaviour = 'ok';
      await expect(c.evaluate(req)).resolves.toMatchObject({ blocked: false });
      expect(calls).toBe(6);
    } finally {
      server.removeListener('request', count);
      c.close();
    }
  });

  it('drops permissions of a blocked user', () => {
    expect(parsePolicyResponse({ blocked: true, permissions: ['read:timesheets'] }).permissions).toEqual([]);
  });
});
