import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { JwksKeyStore } from '@timesheets/api-auth';
import { sign } from 'jsonwebtoken';
import { databaseEngines, http } from '@timesheets/api-testing';
import { startE2eEnv, type E2eEnv } from './support/env';

const ALL_TIMESHEET_SCOPES = 'read:timesheets create:timesheets delete:timesheets approve:timesheets';
// Every request here is refused before its body is read: the project need not exist.
const entry = { date: '2026-11-23', projectId: '00000000-0000-4000-8000-000000000000', hours: 7.5 };

describe.each(databaseEngines())('token validation (%s)', (engine) => {
  let env: E2eEnv;
  let url: string;

  beforeAll(async () => {
    env = await startE2eEnv(engine, { AUTHZ_TRUST_TOKEN_SCOPES: 'true' });
    url = `${env.api.url}/timesheets`;
  });
  afterAll(() => env.close());

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  /** Every rejected token: 401 with an invalid_token challenge, a fixed message, and no change in the database. */
  async function expectRejected(token: string) {
    await env.unchanged(async () => {
      const res = await http<{ message: string }>('POST', url, { token, body: entry });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="timesheets", error="invalid_token"/);
      expect(res.body.message).toBe('The access token is invalid or expired');
    });
  }

  it('accepts a valid token (control)', async () => {
    const res = await http('GET', url, { token: env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES) });
    expect(res.status).toBe(200);
  });

  it('rejects a request without a token, with a challenge and no error code (RFC 6750 §3.1)', async () => {
    await env.unchanged(async () => {
      const res = await http('POST', url, { body: entry });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="timesheets"');
    });
  });

  it('rejects a malformed token', () => expectRejected('not-a-jwt'));
  it('rejects a five-part token', () => expectRejected('a.b.c.d.e'));

  it('rejects a non-Bearer authorization scheme', async () => {
    await env.unchanged(async () => {
      const token = env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES);
      const res = await http('POST', url, { body: entry, headers: { authorization: `Basic ${token}` } });
      expect(res.status).toBe(401);
    });
  });

  it('rejects alg "none"', () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: env.issuer.issuer,
      aud: env.issuer.audience,
      sub: 'user-1',
      scope: ALL_TIMESHEET_SCOPES,
      exp: now + 300,
    };
    return expectRejected(`${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(payload)}.`);
  });

  it('rejects HS256 signed with the public key as secret', () => {
    const publicPem = createPublicKey(env.issuer.privateKey).export({ type: 'spki', format: 'pem' }) as string;
    const now = Math.floor(Date.now() / 1000);
    const token = sign(
      { iss: env.issuer.issuer, aud: env.issuer.audience, sub: 'user-1', scope: ALL_TIMESHEET_SCOPES, exp: now + 300 },
      publicPem,
      { algorithm: 'HS256', keyid: env.issuer.kid },
    );
    return expectRejected(token);
  });

  it('rejects a token signed by a foreign key that claims the real kid', () => {
    const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    return expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, {}, { key: foreign }));
  });

  it('rejects a token with a flipped payload byte', () => {
    const [h, p, s] = env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES).split('.');
    const bytes = Buffer.from(p, 'base64url');
    bytes[bytes.length - 2] ^= 0x01;
    return expectRejected(`${h}.${bytes.toString('base64url')}.${s}`);
  });

  it('rejects the wrong issuer', () =>
    expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, { iss: `${env.issuer.issuer}/` })));
  it('rejects the wrong audience', () =>
    expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, { aud: 'https://other.example/api' })));
  it('accepts an audience array that contains ours', async () => {
    const token = env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, {
      aud: ['https://other.example/api', env.issuer.audience],
    });
    expect((await http('GET', url, { token })).status).toBe(200);
  });
  it('rejects an expired token (beyond the clock tolerance)', () =>
    expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, {}, { expiresIn: -120 })));
  it('rejects a token without exp', () =>
    expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, {}, { expiresIn: null })));
  it('rejects exp written as a string', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: env.issuer.issuer,
      aud: env.issuer.audience,
      sub: 'user-1',
      scope: ALL_TIMESHEET_SCOPES,
      iat: now,
    };
    return expectRejected(env.issuer.signRaw({}, { ...claims, exp: String(now + 300) }));
  });

  it('accepts the same raw-signed token with a numeric exp (control for the case above)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: env.issuer.issuer,
      aud: env.issuer.audience,
      sub: 'user-1',
      scope: ALL_TIMESHEET_SCOPES,
      iat: now,
    };
    expect((await http('GET', url, { token: env.issuer.signRaw({}, { ...claims, exp: now + 300 }) })).status).toBe(200);
  });
  it('rejects nbf in the future', () =>
    expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, { nbf: Math.floor(Date.now() / 1000) + 600 })));
  it('rejects iat far in the future', () =>
    expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, { iat: Math.floor(Date.now() / 1000) + 3600 })));
  it('rejects an ID token (aud = the client id)', () =>
    expectRejected(
      env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, { aud: 'timesheets-spa' }, { header: { typ: 'JWT' } }),
    ));
  it('rejects a token without sub', () =>
    expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, { sub: undefined })));
  it('rejects a kid with path or SQL text, and a 10 KB kid', async () => {
    await expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, {}, { kid: '../../etc/passwd' }));
    await expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, {}, { kid: "x' OR '1'='1" }));
    await expectRejected(env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES, {}, { kid: 'k'.repeat(10_240) }));
  });

  it('ignores a token in the query string', async () => {
    await env.unchanged(async () => {
      const token = env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES);
      const res = await http('POST', `${url}?access_token=${token}`, { body: entry });
      expect(res.status).toBe(401);
    });
  });

  it('ignores a token in the body', async () => {
    await env.unchanged(async () => {
      const token = env.issuer.mint('user-1', ALL_TIMESHEET_SCOPES);
      const res = await http('POST', url, { body: { ...entry, access_token: token } });
      expect(res.status).toBe(401);
    });
  });

  it('survives a flood of unknown kids: bounded JWKS fetches, valid tokens still accepted', async () => {
    const before = env.issuer.jwksRequests;
    const flood = await Promise.all(
      Array.from({ length: 100 }, () =>
        http('GET', url, { token: env.issuer.mint('attacker', ALL_TIMESHEET_SCOPES, {}, { kid: randomUUID() }) }),
      ),
    );
    expect(flood.every((r) => r.status === 401)).toBe(true);
    expect(env.issuer.jwksRequests - before).toBeLessThanOrEqual(1);
    const ok = await http('GET', url, { token: env.issuer.mint('user-2', ALL_TIMESHEET_SCOPES) });
    expect(ok.status).toBe(200);
  });

  it('accepts tokens signed with a newly published key (rotation)', async () => {
    const rotated = env.issuer.addKey();
    // The flood above just used the unknown-kid refetch (rate limited); the periodic refresh picks the new key up.
    const token = env.issuer.mint('user-3', ALL_TIMESHEET_SCOPES, {}, { kid: rotated.kid, key: rotated.privateKey });
    const store = env.api.app.get(JwksKeyStore);
    await store.refresh();
    expect((await http('GET', url, { token })).status).toBe(200);
  });
});
