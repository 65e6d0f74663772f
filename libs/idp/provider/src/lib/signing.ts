import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { SIGNING_ALGORITHMS, type PrivateJwk } from '@timesheets/idp-data-access';
import { jwsAlgorithm, signJws, type JwsAlgorithm } from '@timesheets/server-core';
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

/** The algorithms the provider signs with, as server-core's JWS table describes them (key type, curve, format). */
function signingAlgorithm(alg: string): JwsAlgorithm | undefined {
  return (SIGNING_ALGORITHMS as readonly string[]).includes(alg) ? jwsAlgorithm(alg) : undefined;
}

const SIGNED_WITH = SIGNING_ALGORITHMS.map((alg) => `an ${alg} (${jwsAlgorithm(alg)?.kty})`).join(' nor ');

/**
 * The signing keys as oidc-provider ExternalSigningKeys whose `sign` is node:crypto's synchronous RS256 or ES256 (the
 * same signatures as WebCrypto's, on the same key: PKCS#1 v1.5; ECDSA with raw r || s). The published JWKS is the same
 * (the public key's members, kid, alg, use), and oidc-provider verifies its own tokens (id_token_hint) with the public
 * key.
 */
export function inProcessSigningKeys(oidc: OidcProviderModule, keys: PrivateJwk[]): object[] {
  const Base = oidc.ExternalSigningKey as unknown as new () => ExternalSigningKeyBase;
  class InProcessSigningKey extends Base {
    readonly #algorithm: JwsAlgorithm;
    readonly #privateKey: KeyObject;
    readonly #publicKey: KeyObject;

    constructor(jwk: PrivateJwk) {
      super();
      const algorithm = signingAlgorithm(jwk.alg);
      if (!algorithm || algorithm.kty !== jwk.kty)
        throw new Error(`signing key ${jwk.kid} is neither ${SIGNED_WITH} key`);
      if (algorithm.crv !== jwk.crv) throw new Error(`signing key ${jwk.kid} is not on the ${algorithm.crv} curve`);
      this.#algorithm = algorithm;
      this.#privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
      this.#publicKey = createPublicKey(this.#privateKey);
      this.kid = jwk.kid;
      this.alg = jwk.alg;
    }

    keyObject(): KeyObject {
      return this.#publicKey;
    }

    async sign(data: Buffer): Promise<Buffer> {
      return signJws(this.#algorithm, data, this.#privateKey);
    }
  }
  return keys.map((k) => new InProcessSigningKey(k));
}
