import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { SIGNING_ALGORITHMS, type PrivateJwk } from '@timesheets/idp-data-access';
import { jwsAlgorithm } from '@timesheets/server-core';
import type { OidcProviderModule } from './oidc-types';
import { inProcessSigningKeys } from './signing';

/** Stands in for oidc-provider's ExternalSigningKey (the e2e suites use the real one). */
class FakeExternalSigningKey {
  kid?: string;
  alg?: string;
}
const oidc = { ExternalSigningKey: FakeExternalSigningKey } as unknown as OidcProviderModule;

function ecJwk(kid: string): PrivateJwk {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' } as PrivateJwk;
}

function rsaJwk(kid: string): PrivateJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } as PrivateJwk;
}

describe('in-process signing keys', () => {
  it('sign with every algorithm the provider is configured for, as the JWS table describes it', () => {
    expect(SIGNING_ALGORITHMS.filter((alg) => jwsAlgorithm(alg) === undefined)).toEqual([]);
  });

  it('sign RS256 with the stored key and expose only the public key', async () => {
    const jwk = rsaJwk('k1');
    const [key] = inProcessSigningKeys(oidc, [jwk]) as (FakeExternalSigningKey & {
      keyObject(): import('node:crypto').KeyObject;
      sign(data: Buffer): Promise<Buffer>;
    })[];
    expect(key).toBeInstanceOf(FakeExternalSigningKey);
    expect(key).toMatchObject({ kid: 'k1', alg: 'RS256' });
    expect(key.keyObject().type).toBe('public');
    expect(key.keyObject().export({ format: 'jwk' })).toEqual({ kty: 'RSA', n: jwk.n, e: jwk.e });

    const data = Buffer.from('header.payload');
    const signature = await key.sign(data);
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    expect(verify('sha256', data, publicKey, signature)).toBe(true);
    expect(verify('sha256', Buffer.from('header.other'), publicKey, signature)).toBe(false);
  });

  it('sign ES256 as JWS wants it (raw r || s, 64 bytes) and expose only the public key', async () => {
    const jwk = ecJwk('e1');
    const [key] = inProcessSigningKeys(oidc, [jwk]) as (FakeExternalSigningKey & {
      keyObject(): import('node:crypto').KeyObject;
      sign(data: Buffer): Promise<Buffer>;
    })[];
    expect(key).toMatchObject({ kid: 'e1', alg: 'ES256' });
    expect(key.keyObject().type).toBe('public');
    expect(key.keyObject().export({ format: 'jwk' })).toEqual({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });

    const data = Buffer.from('header.payload');
    const signature = await key.sign(data);
    expect(signature).toHaveLength(64);
    const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
    expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    expect(
      verify('sha256', Buffer.from('header.other'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature),
    ).toBe(false);
  });

  it('keeps the order of the keys (the first of each algorithm signs) and refuses other algorithms or mismatches', () => {
    const keys = inProcessSigningKeys(oidc, [rsaJwk('new'), ecJwk('ec'), rsaJwk('old')]) as FakeExternalSigningKey[];
    expect(keys.map((k) => k.kid)).toEqual(['new', 'ec', 'old']);
    for (const bad of [
      { ...rsaJwk('x'), alg: 'PS256' },
      { ...rsaJwk('x'), alg: 'ES256' },
      { ...ecJwk('x'), alg: 'RS256' },
      { ...ecJwk('x'), alg: 'toString' },
    ])
      expect(() => inProcessSigningKeys(oidc, [bad as unknown as PrivateJwk])).toThrow(/neither an RS256/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'jwk' });
    expect(() =>
      inProcessSigningKeys(oidc, [{ ...p384, kid: 'x', alg: 'ES256', use: 'sig' } as unknown as PrivateJwk]),
    ).toThrow(/P-256/);
  });
});
