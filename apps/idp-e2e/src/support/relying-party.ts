import type * as OpenidClient from 'openid-client';

export type Oidc = typeof OpenidClient;
/** A token endpoint response as openid-client 6 returns it (with `claims()` for the ID token's claims). */
export type Tokens = OpenidClient.TokenEndpointResponse & OpenidClient.TokenEndpointResponseHelpers;
export type ServerMetadata = OpenidClient.ServerMetadata;

/*
 * openid-client 6 is ESM-only: imported as oidc-provider is (libs/idp/provider/src/lib/load-oidc-provider.ts), through
 * a dynamic import that TypeScript's CommonJS output does not turn into require(), unique per call (V8 caches compiled
 * `new Function` code with the vm context of the Jest test file that first compiled it). Needs node
 * --experimental-vm-modules, which the idp-e2e target passes.
 */
let counter = 0;
let loaded: Promise<Oidc> | undefined;

export function openidClient(): Promise<Oidc> {
  loaded ??= (
    new Function('specifier', `return import(specifier); // ${++counter}:${Date.now()}`) as (
      specifier: string,
    ) => Promise<Oidc>
  )('openid-client');
  return loaded;
}

/** A PKCE pair made by openid-client (S256). */
export async function pkce(): Promise<{ verifier: string; challenge: string }> {
  const oidc = await openidClient();
  const verifier = oidc.randomPKCECodeVerifier();
  return { verifier, challenge: await oidc.calculatePKCECodeChallenge(verifier) };
}

export interface CodeChecks {
  verifier: string;
  state: string;
  /** The authorization request's nonce; none: the ID token must carry none. */
  nonce?: string;
}

/**
 * A relying party of the provider on openid-client 6: its Configuration (server and client metadata) bound to the
 * library's functions the specs use. Plain http is allowed: the provider under test listens on loopback.
 */
export class RelyingParty {
  private constructor(
    readonly oidc: Oidc,
    readonly config: OpenidClient.Configuration,
  ) {}

  /**
   * Discovers the provider at `issuer` (its /.well-known/openid-configuration). A public client (the SPA) sends no
   * secret; a confidential one authenticates with client_secret_basic.
   */
  static async discover(
    issuer: string,
    client: Partial<OpenidClient.ClientMetadata>,
    clientSecret?: string,
  ): Promise<RelyingParty> {
    const oidc = await openidClient();
    const auth = clientSecret === undefined ? oidc.None() : oidc.ClientSecretBasic(clientSecret);
    // enableNonRepudiationChecks: the ID tokens' signatures are verified against the provider's JWKS too (by default
    // openid-client 6 trusts the token endpoint's TLS and checks only the claims and the algorithm).
    const config = await oidc.discovery(new URL(issuer), client.client_id as string, client, auth, {
      execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks],
    });
    return new RelyingParty(oidc, config);
  }

  /**
   * A public client from server metadata already in hand (openid-client's discovery insists that the document's
   * issuer is the URL it was fetched from; behind a proxy the two differ).
   */
  static async of(server: ServerMetadata, client: Partial<OpenidClient.ClientMetadata>): Promise<RelyingParty> {
    const oidc = await openidClient();
    const config = new oidc.Configuration(server, client.client_id as string, client, oidc.None());
    oidc.allowInsecureRequests(config);
    oidc.enableNonRepudiationChecks(config);
    return new RelyingParty(oidc, config);
  }

  /** The same client at other endpoints (another instance behind the same issuer). */
  at(server: ServerMetadata): Promise<RelyingParty> {
    return RelyingParty.of(server, this.clientMetadata);
  }

  get metadata(): ServerMetadata {
    return this.config.serverMetadata();
  }

  get clientMetadata(): OpenidClient.ClientMetadata {
    return this.config.clientMetadata();
  }

  /** The client's registered redirect URI (its only one). */
  get redirectUri(): string {
    const uris = this.clientMetadata['redirect_uris'];
    return Array.isArray(uris) && typeof uris[0] === 'string' ? uris[0] : '';
  }

  /** The authorization URL; `redirect_uri` defaults to the client's only one and `scope` to openid. */
  authorizationUrl(params: Record<string, string>): string {
    return this.oidc
      .buildAuthorizationUrl(this.config, {
        redirect_uri: this.redirectUri,
        scope: 'openid',
        ...params,
      })
      .toString();
  }

  /** Redeems the code of the redirect to the SPA, checking state, nonce (ID token) and the `iss` parameter. */
  codeGrant(callbackUrl: string, checks: CodeChecks, params?: Record<string, string>): Promise<Tokens> {
    return this.oidc.authorizationCodeGrant(
      this.config,
      new URL(callbackUrl),
      { pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce },
      params,
    );
  }

  /**
   * The implicit flow's redirect (`id_token token` in the fragment): the ID token is validated by openid-client
   * (signature against the provider's JWKS, issuer, audience, nonce, state); the fragment's parameters come back with its
   * claims. (openid-client 6 handles `response_type=id_token`; the access token beside it is the test's to check.)
   */
  async implicitCallback(
    callbackUrl: string,
    checks: { state: string; nonce: string },
  ): Promise<{ params: Record<string, string>; claims: OpenidClient.IDToken }> {
    const config = new this.oidc.Configuration(this.metadata, this.clientMetadata.client_id, this.clientMetadata);
    this.oidc.allowInsecureRequests(config);
    this.oidc.useIdTokenResponseType(config);
    const url = new URL(callbackUrl);
    const claims = await this.oidc.implicitAuthentication(config, url, checks.nonce, { expectedState: checks.state });
    return { params: Object.fromEntries(new URLSearchParams(url.hash.slice(1))), claims };
  }

  refresh(refreshToken: string, params?: Record<string, string>): Promise<Tokens> {
    return this.oidc.refreshTokenGrant(this.config, refreshToken, params);
  }

  revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<void> {
    return this.oidc.tokenRevocation(this.config, token, { token_type_hint: hint });
  }

  endSessionUrl(params: Record<string, string>): string {
    return this.oidc.buildEndSessionUrl(this.config, params).toString();
  }
}

/**
 * How the token endpoint refused: its HTTP status and OAuth `error`. openid-client 6 raises ResponseBodyError for a
 * 4xx with an OAuth error body, and a ClientError holding the Response for any other status (a 5xx).
 */
export async function tokenEndpointRefusal(request: Promise<unknown>): Promise<{ status: number; error: unknown }> {
  const failure: unknown = await request.then(
    () => {
      throw new Error('the token endpoint answered with tokens');
    },
    (e: unknown) => e,
  );
  const e = failure as { status?: number; error?: string; cause?: unknown };
  if (typeof e.error === 'string' && typeof e.status === 'number') return { status: e.status, error: e.error };
  if (e.cause instanceof Response) {
    const body = (await e.cause.json().catch(() => ({}))) as { error?: unknown };
    return { status: e.cause.status, error: body.error };
  }
  throw failure;
}
