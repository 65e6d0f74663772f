import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * The small part of oidc-provider's API this library uses. oidc-provider ships no TypeScript types and is ESM-only,
 * so it is loaded with a real dynamic import (see load-oidc-provider.ts) and described here.
 */

export interface OidcClient {
  clientId: string;
  clientName?: string;
  clientAuthMethod: string;
  redirectUris: string[];
  grantTypeAllowed(type: string): boolean;
}

export interface OidcAccountRef {
  accountId: string;
}

export interface OidcContext {
  headers?: Record<string, string | string[] | undefined>;
  oidc: {
    route: string;
    params?: Record<string, unknown>;
    client?: OidcClient;
    account?: OidcAccountRef;
    session?: { accountId?: string };
    /** Verified request entities; `IdTokenHint` at end_session when the request carried a valid id_token_hint. */
    entities?: { IdTokenHint?: { payload: { sub?: string; aud?: unknown } } };
  };
  type: string;
  body: unknown;
  status: number;
  set(header: string, value: string): void;
}

export interface OidcGrant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  rejectResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}

export interface InteractionDetails {
  uid: string;
  prompt: {
    name: 'login' | 'consent' | string;
    reasons: string[];
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
  };
  params: Record<string, unknown> & { client_id: string; scope?: string };
  session?: { accountId: string };
  grantId?: string;
}

export interface OidcProvider {
  issuer: string;
  proxy: boolean;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): OidcGrant;
    find(id: string): Promise<OidcGrant | undefined>;
  };
  Client: {
    find(id: string): Promise<OidcClient | undefined>;
    Schema: { prototype: { invalidate(message: string, code?: string): void } };
  };
  on(event: string, listener: (...args: unknown[]) => void): void;
  /** Koa middleware in front of every route. */
  use(middleware: (ctx: OidcContext, next: () => Promise<unknown>) => Promise<unknown>): void;
}

export interface OidcErrorClass {
  new (description?: string): Error;
}

export interface OidcProviderModule {
  default: new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
  /** Base class of keys that sign outside oidc-provider's WebCrypto path (features.externalSigningSupport). */
  ExternalSigningKey: abstract new () => object;
  errors: {
    InvalidTarget: OidcErrorClass;
    InvalidGrant: OidcErrorClass;
    AccessDenied: OidcErrorClass;
    InvalidScope: new (description: string, scope?: string) => Error;
  };
}
