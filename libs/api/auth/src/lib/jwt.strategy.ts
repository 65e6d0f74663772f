import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy, type StrategyOptionsWithRequest } from 'passport-jwt';
import { decode, type Algorithm, type JwtPayload } from 'jsonwebtoken';
import { parseScopeString } from '@timesheets/contracts';
import { isStorableText, type Principal } from '@timesheets/api-core';
import { AUTH_OPTIONS, type AuthOptions } from './auth.constants';
import { JwksKeyStore } from './jwks-key-store';
import { isAcceptedTokenType } from './token-type';

export class InvalidTokenError extends Error {}

/**
 * Validates bearer access tokens: signature by the issuer's JWKS with the configured (asymmetric) algorithms only,
 * a configured `typ` header (RFC 9068: `at+jwt`), `iss` exact, `aud` containing our audience, `exp` required, bounded clock tolerance. The token is taken from the
 * Authorization header only, never the query string or body.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    keys: JwksKeyStore,
  ) {
    // passport-jwt copies top-level issuer/audience/algorithms over jsonWebTokenOptions, so they are set here.
    const strategyOptions: StrategyOptionsWithRequest = {
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      issuer: options.issuer,
      audience: options.audience,
      algorithms: options.algorithms as Algorithm[],
      ignoreExpiration: false,
      passReqToCallback: true,
      jsonWebTokenOptions: { clockTolerance: options.clockToleranceSeconds },
      secretOrKeyProvider: (_req, rawJwtToken: string, done) => {
        const header = decode(rawJwtToken, { complete: true })?.header;
        if (!header || !options.algorithms.includes(header.alg)) return done(new InvalidTokenError('algorithm'));
        // jsonwebtoken has no typ check: an ID token carrying our audience must not pass as an access token.
        if (!isAcceptedTokenType(header.typ, options.tokenTypes)) return done(new InvalidTokenError('typ'));
        // A parsed KeyObject (jsonwebtoken accepts it; the passport-jwt typings only name string | Buffer).
        keys.getVerificationKey(header.kid).then(
          (key) => done(null, key as unknown as string),
          (err: Error) => done(err),
        );
      },
    };
    super(strategyOptions);
  }

  validate(_req: unknown, payload: JwtPayload): Principal {
    return principalFromClaims(payload, this.options.clockToleranceSeconds);
  }
}

/** Checks what jsonwebtoken leaves optional and builds the principal. Throws InvalidTokenError. */
export function principalFromClaims(payload: JwtPayload, clockToleranceSeconds: number): Principal {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('exp is required');
  // A subject owns rows: one that no database stores as sent (NUL, lone surrogates) cannot be anyone's.
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
    throw new InvalidTokenError('sub is required');
  }
  if (!isStorableText(payload.sub)) throw new InvalidTokenError('sub holds text that cannot be stored');
  if (payload.iat !== undefined && (typeof payload.iat !== 'number' || payload.iat > now + clockToleranceSeconds)) {
    throw new InvalidTokenError('iat is in the future');
  }
  const scopes = new Set(parseScopeString(payload['scope']));
  const permissions: unknown = payload['permissions'];
  if (permissions !== undefined) {
    if (!Array.isArray(permissions)) throw new InvalidTokenError('permissions must be an array');
    for (const p of permissions) if (typeof p === 'string' && p.length > 0) scopes.add(p);
  }
  // Profile claims are shown and stored as they are, or not at all (a name a user chose may hold anything).
  const text = (v: unknown) =>
    typeof v === 'string' && v.length > 0 && v.length <= 320 && isStorableText(v) ? v : null;
  return {
    issuer: String(payload.iss),
    subject: payload.sub,
    clientId: text(payload['client_id']) ?? text(payload['azp']),
    email: text(payload['email']),
    name: text(payload['name']),
    tokenScopes: scopes,
    scopes,
    expiresAt: payload.exp,
  };
}
