import type { RolePermissions } from '@timesheets/contracts';

export const IS_PUBLIC_KEY = 'timesheets:isPublic';
export const REQUIRED_SCOPES_KEY = 'timesheets:requiredScopes';
export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/**
 * The claims that can name the user stably: `sub` (most providers), `oid` (Microsoft Entra ID: the user's object id in
 * the tenant, the same for every application; its `sub` differs per application) and `uid` (Okta: the user's id; its
 * access tokens' `sub` is the login name, which can change).
 */
export const SUBJECT_CLAIMS = ['sub', 'oid', 'uid'] as const;
export type SubjectClaim = (typeof SUBJECT_CLAIMS)[number];
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
  /**
   * Refuse a token without a `typ` header (the default). False accepts one (Okta types no token), while a token that
   * has a `typ` must still name one of `tokenTypes`.
   */
  requireTokenType: boolean;
  /** The claim whose value is the principal's subject (the user's key, with the issuer). */
  subjectClaim: SubjectClaim;
  /** When set, a token's scopes are narrowed to the permissions of its `roles` (Entra app roles). */
  rolePermissions?: RolePermissions;
  /** Seconds of clock skew tolerated on exp/nbf/iat (at most 60). */
  clockToleranceSeconds: number;
  /** Realm in WWW-Authenticate challenges. */
  realm: string;
  /** Time allowed for a JWKS or discovery request. */
  jwksTimeoutMs: number;
}
