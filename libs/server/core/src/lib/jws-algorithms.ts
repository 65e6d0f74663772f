import { constants, sign, verify, type KeyObject } from 'node:crypto';

/** How node:crypto signs and verifies one asymmetric JWS algorithm, and the key it needs. */
export interface JwsAlgorithm {
  /** The digest node:crypto's sign/verify take. */
  readonly hash: 'sha256' | 'sha384' | 'sha512';
  /** JWK key type the algorithm needs (RFC 7518 §6.1). */
  readonly kty: 'RSA' | 'EC';
  /** For ECDSA, the one curve it is defined on (RFC 7518 §3.4). */
  readonly crv?: 'P-256' | 'P-384' | 'P-521';
  /** RSASSA-PSS: padding and salt length (the digest's length, RFC 7518 §3.5). */
  readonly padding?: number;
  readonly saltLength?: number;
  /** ECDSA signatures in a JWS are raw r || s, not DER (RFC 7518 §3.4). */
  readonly dsaEncoding?: 'ieee-p1363';
}

const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } as const;

/**
 * The asymmetric JWS algorithms (RFC 7518 §3.3-3.5), the only ones this system signs or accepts: never `none`, never
 * HMAC. One table for the API's token prefilter and the provider's in-process signing, so that the two never disagree
 * on a hash, a curve or a signature format; jws-algorithms.spec.ts checks every algorithm either side's configuration
 * accepts against it, and each entry against a real signature.
 */
export const JWS_ALGORITHMS = {
  RS256: { hash: 'sha256', kty: 'RSA' },
  RS384: { hash: 'sha384', kty: 'RSA' },
  RS512: { hash: 'sha512', kty: 'RSA' },
  PS256: { hash: 'sha256', kty: 'RSA', ...PSS },
  PS384: { hash: 'sha384', kty: 'RSA', ...PSS },
  PS512: { hash: 'sha512', kty: 'RSA', ...PSS },
  ES256: { hash: 'sha256', kty: 'EC', crv: 'P-256', dsaEncoding: 'ieee-p1363' },
  ES384: { hash: 'sha384', kty: 'EC', crv: 'P-384', dsaEncoding: 'ieee-p1363' },
  ES512: { hash: 'sha512', kty: 'EC', crv: 'P-521', dsaEncoding: 'ieee-p1363' },
} as const satisfies Record<string, JwsAlgorithm>;

export type JwsAlgorithmName = keyof typeof JWS_ALGORITHMS;

export const JWS_ALGORITHM_NAMES = Object.keys(JWS_ALGORITHMS) as JwsAlgorithmName[];

/** The table's entry for `name` (a token header's `alg`, say), or undefined for anything else. */
export function jwsAlgorithm(name: unknown): JwsAlgorithm | undefined {
  return typeof name === 'string' && Object.hasOwn(JWS_ALGORITHMS, name)
    ? JWS_ALGORITHMS[name as JwsAlgorithmName]
    : undefined;
}

/** node:crypto's names of the curves. */
const NAMED_CURVE = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' } as const;

/** Whether `key` (public or private) is of the algorithm's type, and for ECDSA on its curve. */
export function keyFits(algorithm: JwsAlgorithm, key: KeyObject): boolean {
  if (algorithm.kty === 'RSA') return key.asymmetricKeyType === 'rsa';
  return (
    key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === NAMED_CURVE[algorithm.crv ?? 'P-256']
  );
}

/** The JWS signature of `input` (the ASCII of `header.payload`); throws for a key that does not fit the algorithm. */
export function signJws(algorithm: JwsAlgorithm, input: Buffer, privateKey: KeyObject): Buffer {
  if (!keyFits(algorithm, privateKey)) throw new Error('the key does not fit the JWS algorithm');
  const { hash, padding, saltLength, dsaEncoding } = algorithm;
  return sign(hash, input, { key: privateKey, padding, saltLength, dsaEncoding });
}

/**
 * Whether `signature` signs `input` under `publicKey`: false (never a throw) for a key that does not fit the algorithm
 * (an RSA key offered for ES256, say) or for malformed bytes.
 */
export function verifyJws(algorithm: JwsAlgorithm, input: Buffer, publicKey: KeyObject, signature: Buffer): boolean {
  if (!keyFits(algorithm, publicKey)) return false;
  const { hash, padding, saltLength, dsaEncoding } = algorithm;
  try {
    return verify(hash, input, { key: publicKey, padding, saltLength, dsaEncoding }, signature);
  } catch {
    return false;
  }
}
