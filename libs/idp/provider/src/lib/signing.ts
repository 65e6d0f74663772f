import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
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

/** node:crypto's options for each stored algorithm: as WebCrypto signs (PKCS#1 v1.5; ECDSA with raw r || s, RFC 7518). */
const SIGN_OPTIONS = {
  RS256: { kty: 'RSA', dsaEncoding: undefined },
  ES256: { kty: 'EC', dsaEncoding: 'ieee-p1363' },
} as const;

/**
 * The signing keys as oidc-provider ExternalSigningKeys whose `sign` is node:crypto's synchronous RS256 or ES256 (the
 * same signatures as WebCrypto's, on the same key). The published JWKS is the same (the public key's members, kid,
 * alg, use), and oidc-provider verifies its own tokens (id_token_hint) with the public key.
 */
export function inProcessSigningKeys(oidc: OidcProviderModule, keys: PrivateJwk[]): object[] {
  const Base = oidc.ExternalSigningKey as unknown as new () => ExternalSigningKeyBase;
  class InProcessSigningKey extends Base {
    readonly #privateKey: KeyObject;
    readonly #publicKey: KeyObject;
    readonly #dsaEncoding: 'ieee-p1363' | undefined;

    constructor(jwk: PrivateJwk) {
      super();
      const options = Object.hasOwn(SIGN_OPTIONS, jwk.alg) ? SIGN_OPTIONS[jwk.alg] : undefined;
      if (!options || options.kty !== jwk.kty)
        throw new Error(`signing key ${jwk.kid} is neither an RS256 (RSA) nor an ES256 (EC) key`);
      if (jwk.kty === 'EC' && jwk.crv !== 'P-256') throw new Error(`signing key ${jwk.kid} is not on the P-256 curve`);
      this.#privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
      this.#publicKey = createPublicKey(this.#privateKey);
      this.#dsaEncoding = options.dsaEncoding;
      this.kid = jwk.kid;
      this.alg = jwk.alg;
    }

    keyObject(): KeyObject {
      return this.#publicKey;
    }

    async sign(data: Buffer): Promise<Buffer> {
      return this.#dsaEncoding
        ? sign('sha256', data, { key: this.#privateKey, dsaEncoding: this.#dsaEncoding })
        : sign('sha256', data, this.#privateKey);
    }
  }
  return keys.map((k) => new InProcessSigningKey(k));
}
