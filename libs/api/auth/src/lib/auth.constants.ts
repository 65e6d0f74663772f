export const IS_PUBLIC_KEY = 'timesheets:isPublic';
export const REQUIRED_SCOPES_KEY = 'timesheets:requiredScopes';
export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
/** The OpenAPI security scheme name used by every protected route. */
export const BEARER_SCHEME = 'bearer';

export interface AuthOptions {
  /** Exact `iss` the tokens must carry. */
  issuer: string;
  /** Value that `aud` must contain. */
  audience: string;
  /** JWKS location; discovered from the issuer's metadata when absent. */
  jwksUri?: string;
  /** Accepted signature algorithms (asymmetric only). */
  algorithms: string[];
  /** Accepted `typ` header values, normalised by `normalizeTokenType` (lower case, no `application/`). */
  tokenTypes: string[];
  /** Seconds of clock skew tolerated on exp/nbf/iat (at most 60). */
  clockToleranceSeconds: number;
  /** Realm in WWW-Authenticate challenges. */
  realm: string;
  /** Time allowed for a JWKS or discovery request. */
  jwksTimeoutMs: number;
}
