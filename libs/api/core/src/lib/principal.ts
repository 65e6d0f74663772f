/**
 * Who is calling, as established from a validated access token: a person (`user`), or a machine client acting for
 * itself with a client-credentials token (`client`: no user; `subject` and `clientId` are both its client id, `name`
 * its registered name when the API knows it).
 */
export interface Principal {
  kind: PrincipalKind;
  issuer: string;
  subject: string;
  clientId: string | null;
  email: string | null;
  name: string | null;
  /**
   * Scopes carried by the token (`scope` string and `permissions` array), of the caller's kind: only machine scopes
   * for a client, never one for a user.
   */
  tokenScopes: ReadonlySet<string>;
  /** Scopes granted for this request: token scopes ∩ the caller's current permissions (a user's or a client's). */
  scopes: ReadonlySet<string>;
  /** Expiry of the token, seconds since the epoch. */
  expiresAt: number;
}

export type PrincipalKind = 'user' | 'client';

/** The request property the auth guard stores the principal under. */
export const PRINCIPAL_KEY = 'user';

/** How logs and the audit name a caller: a person by name, email or subject; a client as such. */
export function principalLabel(principal: Pick<Principal, 'kind' | 'name' | 'email' | 'subject' | 'clientId'>): string {
  if (principal.kind === 'client')
    return `${principal.name ?? principal.clientId ?? principal.subject} (machine client)`;
  return principal.name ?? principal.email ?? principal.subject;
}
