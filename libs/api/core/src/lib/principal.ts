/** Who is calling, as established from a validated access token. */
export interface Principal {
  issuer: string;
  subject: string;
  clientId: string | null;
  email: string | null;
  name: string | null;
  /** Scopes carried by the token (`scope` string and `permissions` array). */
  tokenScopes: ReadonlySet<string>;
  /** Scopes granted for this request: token scopes ∩ the user's current effective permissions. */
  scopes: ReadonlySet<string>;
  /** Expiry of the token, seconds since the epoch. */
  expiresAt: number;
}

/** The request property the auth guard stores the principal under. */
export const PRINCIPAL_KEY = 'user';
