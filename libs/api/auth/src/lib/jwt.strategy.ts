import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy, type StrategyOptionsWithRequest } from 'passport-jwt';
import { decode, type Algorithm, type JwtPayload } from 'jsonwebtoken';
import { isMachineScope, tokenScopesOf } from '@timesheets/contracts';
import { isStorableText, type Principal } from '@timesheets/api-core';
import { AUTH_OPTIONS, type AuthOptions } from './auth.constants';
import { clientTokenId } from './client-token';
import { JwksKeyStore } from './jwks-key-store';
import { isAcceptedTokenType } from './token-type';

export class InvalidTokenError extends Error {}

/**
 * Validates bearer access tokens: signature by the issuer's JWKS with the configured (asymmetric) algorithms only,
 * a configured `typ` header (RFC 9068: `at+jwt`), `iss` exact, `aud` containing our audience, `exp` required, bounded
 * clock tolerance. The token is taken from the Authorization header only, never the query string or body.
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
        if (!isAcceptedTokenType(header.typ, options.tokenTypes, options.requireTokenType)) {
          return done(new InvalidTokenError('typ'));
        }
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
    return principalFromClaims(payload, this.options);
  }
}

export type ClaimRules = Pick<AuthOptions, 'clockToleranceSeconds' | 'subjectClaim' | 'rolePermissions'>;

/** Checks what jsonwebtoken leaves optional and builds the principal. Throws InvalidTokenError. */
export function principalFromClaims(payload: JwtPayload, rules: ClaimRules): Principal {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('exp is required');
  // A subject owns rows: one that no database stores as sent (NUL, lone surrogates) cannot be anyone's.
  const subject: unknown = payload[rules.subjectClaim];
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 255) {
    throw new InvalidTokenError(`${rules.subjectClaim} is required`);
  }
  if (!isStorableText(subject)) throw new InvalidTokenError(`${rules.subjectClaim} holds text that cannot be stored`);
  if (
    payload.iat !== undefined &&
    (typeof payload.iat !== 'number' || payload.iat > now + rules.clockToleranceSeconds)
  ) {
    throw new InvalidTokenError('iat is in the future');
  }
  const granted = tokenScopesOf(payload, rules.rolePermissions);
  if (!granted.ok) throw new InvalidTokenError(granted.problem);
  const scopes = granted.scopes;
  // Profile claims are shown and stored as they are, or not at all (a name a user chose may hold anything).
  const text = (v: unknown) =>
    typeof v === 'string' && v.length > 0 && v.length <= 320 && isStorableText(v) ? v : null;
  // A machine client is known by its client id, and holds machine scopes only; a person never holds one.
  const machineClient = clientTokenId(payload, text);
  if (machineClient !== null && machineClient.length > 255) throw new InvalidTokenError('client id is too long');
  const tokenScopes = new Set([...scopes].filter((s) => isMachineScope(s) === (machineClient !== null)));
  if (machineClient !== null) {
    return {
      kind: 'client',
      issuer: String(payload.iss),
      subject: machineClient,
      clientId: machineClient,
      email: null,
      name: null,
      tokenScopes,
      scopes: tokenScopes,
      expiresAt: payload.exp,
    };
  }
  return {
    kind: 'user',
    issuer: String(payload.iss),
    subject,
    // RFC 9068 client_id; azp (Auth0, Keycloak, Entra v2); cid (Okta).
    clientId: text(payload['client_id']) ?? text(payload['azp']) ?? text(payload['cid']),
    email: text(payload['email']),
    name: text(payload['name']),
    tokenScopes,
    scopes: tokenScopes,
    expiresAt: payload.exp,
  };
}
