import { createPrivateKey, createPublicKey, sign, type KeyObject, type SignKeyObjectInput } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { PrivateJwk } from '@timesheets/idp-data-access';
import type { OidcProviderModule } from './oidc-types';

/** The part of oidc-provider's ExternalSigningKey (features.externalSigningSupport) a subclass fills in. */
interface ExternalSigningKeyBase {
  kid: string;
  alg: string;
}

/**
 * Whether the provider signs in its own thread. oidc-provider signs through WebCrypto, which hands every signature to
 * libuv's thread pool: on several CPUs that keeps the event loop free, but on one CPU (a pinned process, a one-vCPU
 * machine) the pool thread only competes with the event loop for the same core, and each signature pays the hand-off,
 * two context switches and WebCrypto's job set-up on top of the key's work itself.
 */
export function signsInProcess(): boolean {
  return availableParallelism() === 1;
}

/**
 * The key each stored algorithm needs, and node:crypto's signature format for it: as WebCrypto signs (PKCS#1 v1.5;
 * ECDSA with raw r || s, RFC 7518 §3.4).
 */
const KEY_FOR = {
  RS256: { kty: 'RSA', crv: undefined, dsaEncoding: undefined },
  ES256: { kty: 'EC', crv: 'P-256', dsaEncoding: 'ieee-p1363' },
} as const;

/**
 * The signing keys as oidc-provider ExternalSigningKeys whose `sign` is node:crypto's synchronous RS256 or ES256 (the
 * same signatures as WebCrypto's, on the same key). The published JWKS is the same (the public key's members, kid,
 * alg, use), and oidc-provider verifies its own tokens (id_token_hint) with the public key.
 */
export function inProcessSigningKeys(oidc: OidcProviderModule, keys: PrivateJwk[]): object[] {
  const Base = oidc.ExternalSigningKey as unknown as new () => ExternalSigningKeyBase;
  class InProcessSigningKey extends Base {
    readonly #signingKey: SignKeyObjectInput;
    readonly #publicKey: KeyObject;

    constructor(jwk: PrivateJwk) {
      super();
      const needs = Object.hasOwn(KEY_FOR, jwk.alg) ? KEY_FOR[jwk.alg] : undefined;
      if (!needs || needs.kty !== jwk.kty)
        throw new Error(`signing key ${jwk.kid} is neither an RS256 (RSA) nor an ES256 (EC) key`);
      if (needs.crv !== jwk.crv) throw new Error(`signing key ${jwk.kid} is not on the ${needs.crv} curve`);
      const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
      this.#signingKey = { key: privateKey, dsaEncoding: needs.dsaEncoding };
      this.#publicKey = createPublicKey(privateKey);
      this.kid = jwk.kid;
      this.alg = jwk.alg;
    }

    keyObject(): KeyObject {
      return this.#publicKey;
    }

    async sign(data: Buffer): Promise<Buffer> {
      return sign('sha256', data, this.#signingKey);
    }
  }
  return keys.map((k) => new InProcessSigningKey(k));
}
