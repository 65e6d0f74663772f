import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { sign, type Algorithm, type SignOptions } from 'jsonwebtoken';
import type { AuthOptions } from './auth.constants';
import type { JwksKeyStore } from './jwks-key-store';
import { TokenPrefilter } from './token-prefilter';

const options: AuthOptions = {
  issuer: 'https://issuer.test',
  audience: 'https://api.test',
  algorithms: ['RS256', 'PS256', 'ES256', 'ES384'],
  clockToleranceSeconds: 30,
  realm: 'timesheets',
  jwksTimeoutMs: 1000,
};

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const published: Record<string, KeyObject> = { rsa: rsa.publicKey, ec256: ec256.publicKey, ec384: ec384.publicKey };
const keys = {
  getVerificationKey: async (kid?: string) => {
    const key = kid === undefined ? undefined : published[kid];
    if (!key) throw new Error('no such signing key');
    return key;
  },
} as unknown as JwksKeyStore;

const now = Math.floor(Date.now() / 1000);
const claims = { iss: options.issuer, aud: options.audience, sub: 'u1', exp: now + 300, iat: now };
function token(over: Record<string, unknown> = {}, opts: { alg?: Algorithm; kid?: string; key?: KeyObject } = {}) {
  const alg = opts.alg ?? 'RS256';
  const key = opts.key ?? (alg.startsWith('ES') ? (alg === 'ES256' ? ec256 : ec384).privateKey : rsa.privateKey);
  const kid = opts.kid ?? (alg === 'ES256' ? 'ec256' : alg === 'ES384' ? 'ec384' : 'rsa');
  const signOptions: SignOptions = { algorithm: alg, keyid: kid, noTimestamp: true };
  const payload: Record<string, unknown> = { ...claims, ...over };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return sign(payload, key, signOptions);
}

describe('TokenPrefilter', () => {
  const filter = new TokenPrefilter(options, keys);

  it.each(['RS256', 'PS256', 'ES256', 'ES384'] as Algorithm[])('lets a valid %s token through', async (alg) => {
    await expect(filter.plausible(token({}, { alg }))).resolves.toBe(true);
  });

  it('lets through what jsonwebtoken accepts at the edges: audience arrays, clock tolerance', async () => {
    await expect(filter.plausible(token({ aud: ['other', options.audience] }))).resolves.toBe(true);
    await expect(filter.plausible(token({ exp: now - 20 }))).resolves.toBe(true);
    await expect(filter.plausible(token({ nbf: now + 20 }))).resolves.toBe(true);
  });

  it.each([
    ['a bad signature', () => token({}, { key: other.privateKey })],
    ['a signature by a key published under another kid', () => token({}, { alg: 'ES256', kid: 'ec384' })],
    ['an unknown kid', () => token({}, { kid: 'nope' })],
    ['an algorithm not configured', () => token({}, { alg: 'RS512' })],
    [
      'alg none',
      () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
    ],
    ['another issuer', () => token({ iss: 'https://evil.test' })],
    ['another audience', () => token({ aud: 'https://other.test' })],
    ['no audience', () => token({ aud: undefined })],
    ['expiry beyond the tolerance', () => token({ exp: now - 45 })],
    ['no expiry', () => token({ exp: undefined })],
    ['not yet valid', () => token({ nbf: now + 60 })],
    [
      'a payload that is not an object',
      () => token().replace(/\.[^.]+\./, `.${Buffer.from('[1]').toString('base64url')}.`),
    ],
    ['two parts', () => token().split('.').slice(0, 2).join('.')],
    ['four parts', () => `${token()}.x`],
    ['garbage', () => 'not-a-token'],
  ])('refuses %s', async (_, make) => {
    await expect(filter.plausible(make())).resolves.toBe(false);
  });
});
