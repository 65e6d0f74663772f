import { Inject, Injectable } from '@nestjs/common';
import { constants, verify, type KeyObject } from 'node:crypto';
import { AUTH_OPTIONS, type AuthOptions } from './auth.constants';
import { JwksKeyStore } from './jwks-key-store';
import { isAcceptedTokenType } from './token-type';

interface JwsAlgorithm {
  hash: string;
  padding?: number;
  saltLength?: number;
  dsaEncoding?: 'ieee-p1363';
}

/** The asymmetric JWS algorithms (RFC 7518 §3) as node:crypto verifies them; ES signatures are raw r || s. */
const ALGORITHMS: Record<string, JwsAlgorithm> = {
  RS256: { hash: 'sha256' },
  RS384: { hash: 'sha384' },
  RS512: { hash: 'sha512' },
  PS256: { hash: 'sha256', padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
  PS384: { hash: 'sha384', padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
  PS512: { hash: 'sha512', padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
  ES256: { hash: 'sha256', dsaEncoding: 'ieee-p1363' },
  ES384: { hash: 'sha384', dsaEncoding: 'ieee-p1363' },
  ES512: { hash: 'sha512', dsaEncoding: 'ieee-p1363' },
};

type Json = Record<string, unknown>;

function decodePart(part: string): Json | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

/**
 * A cheap first look at a token not seen before, so that a forged or expired token costs less than a valid request
 * (rejection must not be a cheaper denial-of-service lever than use). It refuses only what passport-jwt would
 * refuse too: not three parts, header or payload not JSON objects, an algorithm not configured, a `typ` header not
 * configured (an ID token is not an access token), another issuer or
 * audience, expired or not yet valid (with the same clock tolerance), no published key for the `kid`, or a signature
 * that does not verify. Whatever it lets through is verified again, in full, by passport-jwt (the authority); a
 * refusal here throws nothing and builds no error object, which is most of what a rejection used to cost.
 */
@Injectable()
export class TokenPrefilter {
  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    private readonly keys: JwksKeyStore,
  ) {}

  /** False when the token is certainly invalid; true when it must go on to the full verification. */
  async plausible(token: string, nowSeconds = Date.now() / 1000): Promise<boolean> {
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    if (first <= 0 || second <= first + 1 || second === token.length - 1 || token.indexOf('.', second + 1) !== -1) {
      return false;
    }
    const header = decodePart(token.slice(0, first));
    const payload = header && decodePart(token.slice(first + 1, second));
    if (!header || !payload) return false;
    const alg = header['alg'];
    const algorithm = typeof alg === 'string' && this.options.algorithms.includes(alg) ? ALGORITHMS[alg] : undefined;
    if (!algorithm) return false;
    if (!isAcceptedTokenType(header['typ'], this.options.tokenTypes)) return false;
    if (!this.claimsAcceptable(payload, nowSeconds)) return false;

    let key: KeyObject;
    try {
      key = await this.keys.getVerificationKey(header['kid'] as string | undefined);
    } catch {
      return false;
    }
    try {
      return verify(
        algorithm.hash,
        Buffer.from(token.slice(0, second), 'ascii'),
        { key, padding: algorithm.padding, saltLength: algorithm.saltLength, dsaEncoding: algorithm.dsaEncoding },
        Buffer.from(token.slice(second + 1), 'base64url'),
      );
    } catch {
      return false; // a key of another type than the algorithm's, or a malformed signature
    }
  }

  /** jsonwebtoken's checks of iss, aud, exp and nbf, on whole seconds as it counts them. */
  private claimsAcceptable(payload: Json, nowSeconds: number): boolean {
    const { issuer, audience, clockToleranceSeconds: tolerance } = this.options;
    const now = Math.floor(nowSeconds);
    if (payload['iss'] !== issuer) return false;
    const aud = payload['aud'];
    if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) return false;
    const exp = payload['exp'];
    if (typeof exp !== 'number' || now >= exp + tolerance) return false;
    const nbf = payload['nbf'];
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + tolerance)) return false;
    return true;
  }
}
