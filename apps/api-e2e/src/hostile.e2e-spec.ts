import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generateKeyPairSync, randomUUID, sign as cryptoSign } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { POLICY_API_KEY_HEADER, type ApiError, type TimesheetEntry } from '@timesheets/contracts';
import { loadApiConfig } from '@timesheets/api-app';
import { createTestDatabase, databaseEngines, http, startTestIssuer } from '@timesheets/api-testing';
import {
  createProject,
  dayCounter,
  E2E_POLICY_KEY,
  startE2eEnv,
  submitWeekOf,
  teamUp,
  type E2eEnv,
} from './support/env';

/**
 * A hostile client. Every case asserts the status and that not one row changed.
 * (Token basics are in token-validation; these are the tricks on top.)
 */
/** A request whose path is sent byte for byte (fetch would normalise `%2e%2e` and refuse TRACE). */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, payload?: string) {
  const url = new URL(base);
  return new Promise<{ status: number }>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const EMPLOYEE = 'read:timesheets create:timesheets delete:timesheets';
const MANAGER = `${EMPLOYEE} approve:timesheets`;

describe.each(databaseEngines())('hostile client (%s)', (engine) => {
  let env: E2eEnv;
  let base: string;
  let listener: Server;
  let listenerHits = 0;
  let listenerUrl: string;
  let alice: string;
  let bob: string;
  let projectId: string;
  const nextDay = dayCounter();
  const body = () => ({ date: nextDay(), projectId, hours: 8 });

  beforeAll(async () => {
    env = await startE2eEnv(engine, {
      AUTHZ_TRUST_TOKEN_SCOPES: 'true',
      AUTHZ_POLICY_KEY: E2E_POLICY_KEY,
      CORS_ORIGINS: 'https://timesheets.exampleco.test',
    });
    base = env.api.url;
    alice = env.issuer.mint('alice', EMPLOYEE);
    bob = env.issuer.mint('bob', MANAGER);
    projectId = await createProject(env);
    await teamUp(env, 'bob', ['alice']);
    listener = createServer((_, res) => {
      listenerHits++;
      res.end('{}');
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await env.close();
    await new Promise<void>((r) => listener.close(() => r()));
  });

  const create = async (token = alice) =>
    (await http<TimesheetEntry>('POST', `${base}/timesheets`, { token, body: body() })).body;
  const expectStatus = (status: number, fn: () => Promise<{ status: number }>) =>
    env.unchanged(async () => expect((await fn()).status).toBe(status));
  const post =
    (token: string, extra: Record<string, unknown> = {}) =>
    () =>
      http('POST', `${base}/timesheets`, { token, body: { ...body(), ...extra } });

  describe('token tricks', () => {
    it.each(['jku', 'x5u'])('ignores a %s header pointing at an attacker listener', async (header) => {
      const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const token = env.issuer.mint(
        'alice',
        EMPLOYEE,
        {},
        { key: foreign, header: { [header]: `${listenerUrl}/jwks.json` } },
      );
      await expectStatus(401, post(token));
      expect(listenerHits).toBe(0);
    });

    it('ignores an embedded jwk header', async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const jwk = publicKey.export({ format: 'jwk' });
      const token = env.issuer.mint('alice', EMPLOYEE, {}, { key: privateKey, kid: null, header: { jwk } });
      await expectStatus(401, post(token));
    });

    it.each([
      ['ES256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
      ['PS256', () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey],
    ] as const)('refuses %s signed with a foreign key', async (alg, key) => {
      await expectStatus(401, post(env.issuer.mint('alice', EMPLOYEE, {}, { algorithm: alg, key: key() })));
    });

    it('refuses EdDSA signed with a foreign key', async () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const input = `${b64({ alg: 'EdDSA', typ: 'at+jwt', kid: env.issuer.kid })}.${b64({ iss: env.issuer.issuer, aud: env.issuer.audience, sub: 'alice', exp: now + 60, scope: EMPLOYEE })}`;
      const sig = cryptoSign(null, Buffer.from(input), privateKey).toString('base64url');
      await expectStatus(401, post(`${input}.${sig}`));
    });

    it('refuses HS512 with a guessed secret', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = sign(
        { iss: env.issuer.issuer, aud: env.issuer.audience, sub: 'alice', exp: now + 60, scope: EMPLOYEE },
        'secret',
        {
          algorithm: 'HS512',
          keyid: env.issuer.kid,
          header: { alg: 'HS512', typ: 'at+jwt' },
        },
      );
      await expectStatus(401, post(token));
    });

    it('refuses a token with a valid signature whose header was swapped', async () => {
      const [, p, s] = env.issuer.mint('alice', EMPLOYEE).split('.');
      const h = Buffer.from(JSON.stringify({ alg: 'RS384', typ: 'at+jwt', kid: env.issuer.kid })).toString('base64url');
      await expectStatus(401, post(`${h}.${p}.${s}`));
    });

    // RFC 9068 §4 / RFC 8725 §3.11: only a JWT typed as an access token is one, whatever its audience says.
    it.each([
      ['an ID token (typ JWT) carrying the API audience', { typ: 'JWT' }],
      ['a token without typ', { typ: undefined }],
      ['a logout token (typ logout+jwt)', { typ: 'logout+jwt' }],
    ])('refuses %s', async (_, header) => {
      const token = env.issuer.mint(
        'alice',
        EMPLOYEE,
        { aud: [env.issuer.audience, 'timesheets-spa'], azp: 'timesheets-spa', nonce: 'n-0S6_WzA2Mj' },
        { header },
      );
      await expectStatus(401, post(token));
      expect((await http('GET', `${base}/timesheets`, { token })).status).toBe(401);
    });

    it('does not tell the attacker what the expected audience is', async () => {
      const res = await http('GET', `${base}/timesheets`, { token: env.issuer.mint('alice', EMPLOYEE, { aud: 'x' }) });
      expect(res.status).toBe(401);
      expect(res.text).not.toContain(env.issuer.audience);
      expect(res.headers.get('www-authenticate')).not.toContain(env.issuer.audience);
    });
  });

  describe('scope tricks', () => {
    it.each([
      ['a near-miss scope', 'read:timesheets approve:timesheetsx'],
      ['comma-joined scopes', 'read:timesheets,approve:timesheets'],
      ['upper-case scope', 'read:timesheets APPROVE:TIMESHEETS'],
      ['a prefix of the scope', 'read:timesheets approve'],
    ])('refuses %s', async (_, scope) => {
      const entry = await create();
      await expectStatus(403, () =>
        http('POST', `${base}/timesheets/${entry.id}/approve`, { token: env.issuer.mint('mallory', scope) }),
      );
    });

    it('refuses scope as an array', async () => {
      const entry = await create();
      const token = env.issuer.mint('mallory', '', { scope: ['read:timesheets', 'approve:timesheets'] });
      await expectStatus(403, () => http('POST', `${base}/timesheets/${entry.id}/approve`, { token }));
    });

    it('refuses permissions as a string (401: malformed claim)', async () => {
      const entry = await create();
      const token = env.issuer.mint('mallory', '', { permissions: 'approve:timesheets' });
      await expectStatus(401, () => http('POST', `${base}/timesheets/${entry.id}/approve`, { token }));
    });
  });

  describe('object tricks', () => {
    it("cannot read, edit or delete others' entries by id", async () => {
      const entry = await create(bob);
      await expectStatus(404, () => http('GET', `${base}/timesheets/${entry.id}`, { token: alice }));
      await expectStatus(404, () =>
        http('PATCH', `${base}/timesheets/${entry.id}`, { token: alice, body: { hours: 1 } }),
      );
      await expectStatus(404, () => http('DELETE', `${base}/timesheets/${entry.id}`, { token: alice }));
    });

    it('cannot pick another owner through userId or ownerId in the body or query', async () => {
      await expectStatus(400, post(alice, { userId: 'bob' }));
      await expectStatus(400, post(alice, { ownerId: 'bob' }));
      await expectStatus(400, () => http('GET', `${base}/timesheets?ownerId=bob`, { token: alice }));
    });

    it.each(['1', '00000000-0000-0000-0000-00000000000g', "1' OR '1'='1", '..%2f..%2fetc'])(
      'refuses the id %s with 400',
      async (id) => {
        await expectStatus(400, () => http('POST', `${base}/timesheets/${id}/approve`, { token: bob }));
      },
    );

    it('cannot approve twice, approve a deleted entry, or delete an approved one', async () => {
      const approved = await create();
      await submitWeekOf(env, alice, approved.date);
      expect((await http('POST', `${base}/timesheets/${approved.id}/approve`, { token: bob })).status).toBe(200);
      await expectStatus(409, () => http('POST', `${base}/timesheets/${approved.id}/approve`, { token: bob }));
      await expectStatus(409, () => http('DELETE', `${base}/timesheets/${approved.id}`, { token: alice }));
      const deleted = await create();
      await submitWeekOf(env, alice, deleted.date);
      await http('POST', `${base}/timesheets/${deleted.id}/reject`, { token: bob, body: { reason: 'no' } });
      expect((await http('DELETE', `${base}/timesheets/${deleted.id}`, { token: alice })).status).toBe(204);
      await expectStatus(404, () => http('POST', `${base}/timesheets/${deleted.id}/approve`, { token: bob }));
    });
  });

  describe('bodies', () => {
    const raw =
      (text: string, token = alice) =>
      () =>
        http('POST', `${base}/timesheets`, { token, rawBody: text, headers: { 'content-type': 'application/json' } });

    const valid = () => `"date":"2026-11-23","projectId":"${projectId}","hours":1`;
    it('accepts the same body without the trick (control)', async () =>
      expect((await raw(`{${valid()}}`)()).status).toBe(201));
    it('refuses __proto__ pollution', () => expectStatus(400, raw(`{${valid()},"__proto__":{"isAdmin":true}}`)));
    it('refuses constructor.prototype pollution', () =>
      expectStatus(400, raw(`{${valid()},"constructor":{"prototype":{"isAdmin":true}}}`)));
    it('refuses a deeply nested body', () =>
      expectStatus(400, raw(`{"notes":${'['.repeat(5000)}${']'.repeat(5000)}}`)));
    it('refuses a 2 MB body with 413', () =>
      expectStatus(413, raw(JSON.stringify({ ...body(), notes: 'x'.repeat(2 * 1024 * 1024) }))));
    it('refuses invalid JSON with 400', () => expectStatus(400, raw('{"date":')));
    it.each([
      [{ hours: [8] }],
      [{ hours: { value: 8 } }],
      [{ hours: true }],
      [{ projectId: [randomUUID()] }],
      [{ date: { $gt: '' } }],
      [{ notes: { toString: 'x' } }],
    ])('refuses the wrongly typed %j', (extra) => expectStatus(400, post(alice, extra)));
    it('refuses text/plain with 415', () =>
      expectStatus(415, () =>
        http('POST', `${base}/timesheets`, {
          token: alice,
          rawBody: JSON.stringify(body()),
          headers: { 'content-type': 'text/plain' },
        }),
      ));
  });

  describe('method and path variants', () => {
    it.each([
      '/API/Timesheets',
      '/api/Timesheets',
      '//api/timesheets',
      '/api/timesheets/..%2f..%2fapprovals',
      '/api/%2e%2e/api/timesheets',
    ])('does not route %s to a handler', async (path) => {
      await env.unchanged(async () => {
        const headers = { authorization: `Bearer ${alice}`, 'content-type': 'application/json' };
        const res = await rawRequest(base, 'POST', path, headers, JSON.stringify(body()));
        expect([400, 404]).toContain(res.status);
      });
    });

    it('ignores X-HTTP-Method-Override', async () => {
      const entry = await create();
      await env.unchanged(async () => {
        const res = await http('POST', `${base}/timesheets/${entry.id}`, {
          token: alice,
          headers: { 'x-http-method-override': 'DELETE' },
        });
        expect(res.status).toBe(404);
      });
      expect((await http('GET', `${base}/timesheets/${entry.id}`, { token: alice })).status).toBe(200);
    });

    it.each(['PUT', 'TRACE'])('answers %s on an entry without a handler', async (method) => {
      const entry = await create();
      await env.unchanged(async () => {
        const res = await rawRequest(base, method, `/api/timesheets/${entry.id}`, { authorization: `Bearer ${alice}` });
        expect([404, 405]).toContain(res.status);
      });
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      fetch(`${base}/timesheets`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });

    it('echoes exactly the configured origin, with Vary: Origin', async () => {
      const res = await preflight('https://timesheets.exampleco.test');
      expect(res.headers.get('access-control-allow-origin')).toBe('https://timesheets.exampleco.test');
      expect(res.headers.get('vary')).toMatch(/Origin/i);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const get = await http('GET', `${base}/timesheets`, {
        token: alice,
        headers: { origin: 'https://timesheets.exampleco.test' },
      });
      expect(get.headers.get('access-control-expose-headers')).toMatch(/WWW-Authenticate/i);
    });

    it.each([
      'https://evil.example',
      'null',
      'https://timesheets.exampleco.test.evil.example',
      'http://timesheets.exampleco.test',
    ])('does not allow the origin %s', async (origin) => {
      const res = await preflight(origin);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const get = await http('GET', `${base}/timesheets`, { token: alice, headers: { origin } });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('headers', () => {
    it('sends security headers and no X-Powered-By', async () => {
      const res = await http('GET', `${base}/timesheets`, { token: alice });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    });

    it('never echoes a stack trace or SQL', async () => {
      const res = await http(
        'GET',
        `${base}/timesheets?cursor=${Buffer.from('["a","b"]').toString('base64url')}&limit=100`,
        { token: alice },
      );
      expect(res.status).toBe(200);
      const bad = await http('GET', `${base}/approvals?cursor=${Buffer.from('["a","b","c"]').toString('base64url')}`, {
        token: bob,
      });
      expect(bad.status).toBe(400);
      expect(bad.text).not.toMatch(/SELECT|sqlite|postgres|at .*\.ts|TypeORM/i);
    });
  });
});

describe('hostile client: limits', () => {
  it('answers 429 with Retry-After once the rate limit is used up, changing nothing', async () => {
    const env = await startE2eEnv('sqlite', {
      AUTHZ_TRUST_TOKEN_SCOPES: 'true',
      RATE_LIMIT_MAX: '20',
      RATE_LIMIT_WINDOW_MS: '60000',
    });
    try {
      const token = env.issuer.mint('alice', EMPLOYEE);
      const statuses = [];
      for (let i = 0; i < 20; i++) statuses.push((await http('GET', `${env.api.url}/timesheets`, { token })).status);
      expect(statuses.every((s) => s === 200)).toBe(true);
      await env.unchanged(async () => {
        const res = await http('POST', `${env.api.url}/timesheets`, {
          token,
          body: { date: '2026-11-23', projectId: randomUUID(), hours: 8 },
        });
        expect(res.status).toBe(429);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      });
    } finally {
      await env.close();
    }
  });

  describe('the policy endpoint has its own bucket', () => {
    const KEY = 'hostile-policy-key-0123456789abcdef';
    const policy = (url: string, key: string | null, subject = `sub-${randomUUID()}`) =>
      http<ApiError>('POST', `${url}/authz/policy`, {
        body: { subject, issuer: 'https://issuer.test', email: null, clientId: 'timesheets-spa' },
        headers: key === null ? {} : { [POLICY_API_KEY_HEADER]: key },
      });

    it('lets the provider keep signing people in after one user replays sign-ins past the address limit', async () => {
      const env = await startE2eEnv('sqlite', {
        AUTHZ_POLICY_KEY: KEY,
        RATE_LIMIT_MAX: '5',
        RATE_LIMIT_POLICY_MAX: '12',
      });
      try {
        // One user's replayed /auth?prompt=none: every policy call comes from the provider's address.
        const replayed = [];
        for (let i = 0; i < 10; i++) replayed.push((await policy(env.api.url, KEY, 'sub-replayer')).status);
        expect(replayed.every((s) => s === 200)).toBe(true);
        // Everybody else still signs in, and the provider's address still has its own share for other requests.
        expect((await policy(env.api.url, KEY)).status).toBe(200);
        expect((await http('GET', `${env.api.url}/health`)).status).toBe(200);
        // The key's bucket has its own limit, answered like every other 429.
        expect((await policy(env.api.url, KEY)).status).toBe(200);
        await env.unchanged(async () => {
          const limited = await policy(env.api.url, KEY);
          expect(limited.status).toBe(429);
          expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
          expect(limited.body).toEqual({
            statusCode: 429,
            error: 'Too Many Requests',
            message: 'Too many requests; retry later',
          });
        });
      } finally {
        await env.close();
      }
    });

    it('counts calls with a wrong key against the caller address', async () => {
      const env = await startE2eEnv('sqlite', { AUTHZ_POLICY_KEY: KEY, RATE_LIMIT_MAX: '3' });
      try {
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await policy(env.api.url, `wrong-${i}-0123456789abcdef`)).status);
        expect(statuses).toEqual([401, 401, 401, 429]);
        expect((await http('GET', `${env.api.url}/health`)).status).toBe(429);
        expect((await policy(env.api.url, KEY)).status).toBe(200);
      } finally {
        await env.close();
      }
    });
  });

  describe('behind a proxy (TRUST_PROXY)', () => {
    /** Requests as a proxy forwards them: the client wrote `forged`, the proxy appended the address it saw. */
    const viaProxy = (
      url: string,
      token: string,
      client: string,
      forged = `203.0.113.${1 + Math.floor(Math.random() * 250)}`,
    ) => http('GET', `${url}/timesheets`, { token, headers: { 'x-forwarded-for': `${forged}, ${client}` } });

    it.each([
      ['a hop count', '1'],
      ['the proxy address', '127.0.0.1'],
      ['a CIDR and a named range', '10.0.0.0/8,loopback'],
    ])(
      'keys the rate limit by the address the proxy saw, not a client-written X-Forwarded-For (%s)',
      async (_, trust) => {
        const env = await startE2eEnv('sqlite', {
          AUTHZ_TRUST_TOKEN_SCOPES: 'true',
          RATE_LIMIT_MAX: '5',
          TRUST_PROXY: trust,
        });
        try {
          const token = env.issuer.mint('alice', EMPLOYEE);
          for (let i = 0; i < 5; i++) expect((await viaProxy(env.api.url, token, '198.51.100.7')).status).toBe(200);
          const limited = await viaProxy(env.api.url, token, '198.51.100.7');
          expect(limited.status).toBe(429);
          expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
          // Another client behind the same proxy has its own bucket.
          expect((await viaProxy(env.api.url, token, '198.51.100.8')).status).toBe(200);
        } finally {
          await env.close();
        }
      },
    );

    it('ignores X-Forwarded-For when no proxy is trusted', async () => {
      const env = await startE2eEnv('sqlite', { AUTHZ_TRUST_TOKEN_SCOPES: 'true', RATE_LIMIT_MAX: '3' });
      try {
        const token = env.issuer.mint('alice', EMPLOYEE);
        const statuses = [];
        for (let i = 0; i < 4; i++) statuses.push((await viaProxy(env.api.url, token, `198.51.100.${i}`)).status);
        expect(statuses).toEqual([200, 200, 200, 429]);
      } finally {
        await env.close();
      }
    });

    it('refuses to start with TRUST_PROXY=true, saying what to set', () => {
      expect(() => loadApiConfig({ TRUST_PROXY: 'true' })).toThrow(
        /TRUST_PROXY=true would trust every hop.*TRUST_PROXY=10\.0\.0\.0\/8/,
      );
    });
  });

  it('answers a request within seconds when the JWKS endpoint hangs', async () => {
    const env = await startE2eEnv('sqlite', { AUTHZ_TRUST_TOKEN_SCOPES: 'true', AUTH_JWKS_TIMEOUT_MS: '1000' });
    try {
      env.issuer.hang = true;
      const started = Date.now();
      await env.unchanged(async () => {
        const res = await http('POST', `${env.api.url}/timesheets`, {
          token: env.issuer.mint('alice', EMPLOYEE),
          body: { date: '2026-11-23', projectId: randomUUID(), hours: 8 },
        });
        expect([401, 503]).toContain(res.status);
      });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      env.issuer.hang = false;
      await env.close();
    }
  });

  it('keeps ids unguessable (UUID v4)', async () => {
    expect(randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });
});

/** An operator's mistake an attacker would exploit: the demo's published accounts (an admin among them) in production. */
describe('hostile deployment: demo settings in production (the built API)', () => {
  const main = join(__dirname, '../../../dist/apps/api/main.js');

  it('refuses AUTHZ_DEMO_USERS=true with NODE_ENV=production, naming the variable; the same settings without it start', async () => {
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npx nx build api" (the e2e target does it first)`);
    const issuer = await startTestIssuer();
    const database = await createTestDatabase('sqlite');
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    const env = {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      AUTH_JWKS_URI: issuer.jwksUri,
      DATABASE_URL: database.url,
    };
    try {
      // A build that accepts the setting starts serving: stop it rather than wait forever.
      const refused = spawnSync(process.execPath, [main], {
        env: { ...env, AUTHZ_DEMO_USERS: 'true' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(refused.stderr).toContain('AUTHZ_DEMO_USERS must not be true with NODE_ENV=production');
      expect(refused.status).toBe(1);

      // Nothing else in these settings is wrong: without the demo users the same process starts and answers.
      const child = spawn(process.execPath, [main], { env: { ...env, AUTHZ_DEMO_USERS: 'false' }, stdio: 'ignore' });
      try {
        const deadline = Date.now() + 30_000;
        let healthy = false;
        while (!healthy && Date.now() < deadline && child.exitCode === null) {
          healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
            (res) => res.ok,
            () => false,
          );
          if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(healthy).toBe(true);
      } finally {
        if (child.exitCode === null) {
          await new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          });
        }
      }
    } finally {
      await issuer.close();
      await database.drop();
    }
  }, 90_000);
});
