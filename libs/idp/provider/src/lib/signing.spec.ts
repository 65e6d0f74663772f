import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import type { PrivateJwk } from '@timesheets/idp-data-access';
import type { OidcProviderModule } from './oidc-types';
import { inProcessSigningKeys } from './signing';

/** Stands in for oidc-provider's ExternalSigningKey (the e2e suites use the real one). */
class FakeExternalSigningKey {
  kid?: string;
  alg?: string;
}
const oidc = { ExternalSigningKey: FakeExternalSigningKey } as unknown as OidcProviderModule;

function rsaJwk(kid: string): PrivateJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } as PrivateJwk;
}

describe('in-process signing keys', () => {
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

  it('keeps the order of the keys (the first one signs) and refuses anything but RS256', () => {
    const keys = inProcessSigningKeys(oidc, [rsaJwk('new'), rsaJwk('old')]) as FakeExternalSigningKey[];
    expect(keys.map((k) => k.kid)).toEqual(['new', 'old']);
    expect(() => inProcessSigningKeys(oidc, [{ ...rsaJwk('x'), alg: 'PS256' } as unknown as PrivateJwk])).toThrow(
      /not an RS256 key/,
    );
  });
});
