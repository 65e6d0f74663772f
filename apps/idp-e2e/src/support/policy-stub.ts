import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNTS, SEEDED_ROLES, type PolicyRequest, type PolicyResponse } from '@timesheets/contracts';

/**
 * Stands in for the API's POST /api/authz/policy until the real one is wired in: answers per email from the seeded
 * roles. Swap it for the API started in-process once libs/api exposes that.
 */
export interface PolicyStub {
  url: string;
  key: string;
  requests: PolicyRequest[];
  /** 'down' answers 503, 'slow' never answers within any sane timeout. */
  mode: 'ok' | 'down' | 'slow';
  setPermissions(email: string, permissions: string[]): void;
  setBlocked(email: string, blocked: boolean): void;
  reset(): void;
  close(): Promise<void>;
}

function seeded(): Map<string, { permissions: string[]; blocked: boolean; role: string }> {
  return new Map(
    DEMO_ACCOUNTS.map((a) => [
      a.email,
      { permissions: [...SEEDED_ROLES[a.role].permissions], blocked: false, role: a.role },
    ]),
  );
}

export async function startPolicyStub(key = 'test-policy-key-0123456789'): Promise<PolicyStub> {
  let users = seeded();
  const stub = {
    requests: [] as PolicyRequest[],
    mode: 'ok' as PolicyStub['mode'],
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (stub.mode === 'slow') return; // never answers; the provider's timeout must fire
      if (stub.mode === 'down') return void res.writeHead(503).end();
      if (req.method !== 'POST' || req.url !== '/api/authz/policy') return void res.writeHead(404).end();
      if (req.headers['x-api-key'] !== key) return void res.writeHead(401).end();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PolicyRequest;
      stub.requests.push(body);
      const user = users.get(String(body.email));
      const answer: PolicyResponse = {
        userId: `api-${body.subject}`,
        blocked: user?.blocked ?? false,
        roles: user ? [user.role] : [],
        groups: [],
        permissions: user && !user.blocked ? user.permissions : [],
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/authz/policy`;
  return Object.assign(stub, {
    url,
    key,
    setPermissions(email: string, permissions: string[]) {
      const user = users.get(email) ?? { permissions: [], blocked: false, role: 'custom' };
      users.set(email, { ...user, permissions });
    },
    setBlocked(email: string, blocked: boolean) {
      const user = users.get(email) ?? { permissions: [], blocked: false, role: 'custom' };
      users.set(email, { ...user, blocked });
    },
    reset() {
      users = seeded();
      stub.mode = 'ok';
      stub.requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
