import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePolicyResponse, PolicyClient, PolicyUnavailableError } from './policy-client';

describe('PolicyClient', () => {
  let server: Server;
  let url: string;
  let behaviour: 'ok' | 'slow' | '500' | 'garbage' = 'ok';
  let seenKey: string | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seenKey = req.headers['x-api-key'] as string;
      if (behaviour === 'slow') return void setTimeout(() => res.end('{}'), 1500);
      if (behaviour === '500') return void res.writeHead(500).end();
      res.setHeader('content-type', 'application/json');
      res.end(
        behaviour === 'garbage'
          ? '{"blocked":"no"}'
          : '{"userId":"u","blocked":false,"roles":[],"groups":[],"permissions":["read:timesheets"]}',
      );
    });
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

  it.each(['slow', '500', 'garbage'] as const)('fails closed when the endpoint is %s', async (b) => {
    behaviour = b;
    await expect(client().evaluate(req)).rejects.toBeInstanceOf(PolicyUnavailableError);
  });

  it('fails closed when nothing listens', async () => {
    const c = new PolicyClient({ policyUrl: 'http://127.0.0.1:1/x', policyKey: 'k'.repeat(16), policyTimeoutMs: 200 });
    await expect(c.evaluate(req)).rejects.toBeInstanceOf(PolicyUnavailableError);
  });

  it('drops permissions of a blocked user', () => {
    expect(parsePolicyResponse({ blocked: true, permissions: ['read:timesheets'] }).permissions).toEqual([]);
  });
});
