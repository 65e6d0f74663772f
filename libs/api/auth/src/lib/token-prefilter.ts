import { Inject, Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { jwsAlgorithm, verifyJws } from '@timesheets/server-core';
import { AUTH_OPTIONS, type AuthOptions } from './auth.constants';
import { JwksKeyStore } from './jwks-key-store';
import { isAcceptedTokenType } from './token-type';

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
    const algorithm = typeof alg === 'string' && this.options.algorithms.includes(alg) ? jwsAlgorithm(alg) : undefined;
    if (!algorithm) return false;
    if (!isAcceptedTokenType(header['typ'], this.options.tokenTypes, this.options.requireTokenType)) return false;
    if (!this.claimsAcceptable(payload, nowSeconds)) return false;

    let key: KeyObject;
    try {
      key = await this.keys.getVerificationKey(header['kid'] as string | undefined);
    } catch {
      return false;
    }
    // False for a key of another type than the algorithm's (or another curve) and for a malformed signature.
    return verifyJws(
      algorithm,
      Buffer.from(token.slice(0, second), 'ascii'),
      key,
      Buffer.from(token.slice(second + 1), 'base64url'),
    );
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
