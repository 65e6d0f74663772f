import { createServer, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { JwksKeyStore, SigningKeyUnavailableError } from './jwks-key-store';

describe('JwksKeyStore', () => {
  let server: Server;
  let requests = 0;
  let jwks: unknown;
  let base: string;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;

  beforeAll(async () => {
    jwks = { keys: [{ ...key.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] };
    server = createServer((req, res) => {
      requests++;
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: base, jwks_uri: `${base}/jwks` }));
      } else res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => (requests = 0));

  const store = (jwksUri?: string) =>
    new JwksKeyStore({
      issuer: base,
      audience: 'a',
      jwksUri,
      algorithms: ['RS256'],
      tokenTypes: ['at+jwt'],
      requireTokenType: true,
      subjectClaim: 'sub',
      clockToleranceSeconds: 30,
      realm: 'r',
      jwksTimeoutMs: 1000,
    });

  it('discovers the JWKS from the issuer and serves known keys from memory', async () => {
    const s = store();
    expect(await s.getKey('k1')).toContain('BEGIN PUBLIC KEY');
    expect(await s.getKey('k1')).toContain('BEGIN PUBLIC KEY');
    expect(requests).toBe(2); // discovery + one JWKS fetch
  });

  it('refetches at most once per cooldown for unknown kids', async () => {
    const s = store(`${base}/jwks`);
    await s.getKey('k1');
    const before = requests;
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.getKey(`unknown-${i}`).catch((e: unknown) => e)));
    expect(requests - before).toBeLessThanOrEqual(1);
    await expect(s.getKey('nope')).rejects.toBeInstanceOf(SigningKeyUnavailableError);
    expect(await s.getKey('k1')).toContain('BEGIN PUBLIC KEY');
  });

  it('refuses oversized kids without fetching', async () => {
    const s = store(`${base}/jwks`);
    await expect(s.getKey('x'.repeat(300))).rejects.toBeInstanceOf(SigningKeyUnavailableError);
    expect(requests).toBe(0);
  });

  it('fails closed when the JWKS cannot be fetched', async () => {
    await expect(store('http://127.0.0.1:1/jwks').getKey('k1')).rejects.toBeInstanceOf(SigningKeyUnavailableError);
  });
});
