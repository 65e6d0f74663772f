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
 * two context switches and WebCrypto's job set-up on top of the RSA work itself.
 */
export function signsInProcess(): boolean {
  return availableParallelism() === 1;
}

/**
 * The signing keys as oidc-provider ExternalSigningKeys whose `sign` is node:crypto's synchronous RS256 (the same
 * RSASSA-PKCS1-v1_5 with SHA-256 as WebCrypto's, on the same key). The published JWKS is the same (kty, n, e, kid,
 * alg, use from the public key), and oidc-provider verifies its own tokens (id_token_hint) with the public key.
 */
export function inProcessSigningKeys(oidc: OidcProviderModule, keys: PrivateJwk[]): object[] {
  const Base = oidc.ExternalSigningKey as unknown as new () => ExternalSigningKeyBase;
  class InProcessSigningKey extends Base {
    readonly #privateKey: KeyObject;
    readonly #publicKey: KeyObject;

    constructor(jwk: PrivateJwk) {
      super();
      if (jwk.kty !== 'RSA' || jwk.alg !== 'RS256') throw new Error(`signing key ${jwk.kid} is not an RS256 key`);
      this.#privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
      this.#publicKey = createPublicKey(this.#privateKey);
      this.kid = jwk.kid;
      this.alg = jwk.alg;
    }

    keyObject(): KeyObject {
      return this.#publicKey;
    }

    async sign(data: Buffer): Promise<Buffer> {
      return sign('sha256', data, this.#privateKey);
    }
  }
  return keys.map((k) => new InProcessSigningKey(k));
}
