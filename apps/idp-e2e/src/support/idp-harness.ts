import { createServer } from 'node:net';
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { ALL_SCOPES, DEFAULT_AUDIENCE, SPA_CLIENT_ID } from '@timesheets/contracts';
import { createIdpApp, loadIdpConfig, type IdpApp, type IdpConfig } from '@timesheets/idp-provider';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@timesheets/idp-data-access';
import { Browser, csrfOf, formAction } from './browser';
import type { PolicyStub } from './policy-stub';
import { pkce, RelyingParty, type Tokens } from './relying-party';

export const DEMO_PASSWORD = 'demo-password-for-tests';
export const SPA_REDIRECT = 'http://localhost:4200/';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningIdp {
  issuer: string;
  config: IdpConfig;
  idp: IdpApp;
  db: ThrowawayDatabase;
  stop(): Promise<void>;
  /** Stops and deletes the temporary database. */
  destroy(): Promise<void>;
}

/**
 * Starts the real provider in-process on 127.0.0.1 (random port) with a fresh database: a temporary sqlite file, or
 * a throwaway PostgreSQL database when TEST_POSTGRES_URL is set. `reuse` picks the port and/or database (a restart);
 * `signInProcess` forces where tokens are signed (by default: in-process only when the process has one CPU).
 */
export async function startIdp(
  policy: PolicyStub,
  env: Record<string, string> = {},
  reuse?: { port?: number; db?: ThrowawayDatabase; signInProcess?: boolean },
): Promise<RunningIdp> {
  const port = reuse?.port ?? (await freePort());
  const db = reuse?.db ?? (await createThrowawayDatabase(process.env['TEST_POSTGRES_URL']));
  const issuer = `http://127.0.0.1:${port}`;
  const config = loadIdpConfig({
    ISSUER: issuer,
    PORT: String(port),
    DATABASE_URL: db.url,
    POLICY_URL: policy.url,
    AUTHZ_POLICY_KEY: policy.key,
    POLICY_TIMEOUT_MS: '500',
    DEMO_PASSWORD,
    ...env,
  });
  const idp = await createIdpApp(config, { logger: false, signInProcess: reuse?.signInProcess });
  await idp.listen(port, '127.0.0.1');
  let stopped = false;
  const stop = async () => {
    if (!stopped) await idp.close();
    stopped = true;
  };
  return {
    issuer,
    config,
    idp,
    db,
    stop,
    destroy: async () => {
      await stop();
      await db.drop();
    },
  };
}

/** The SPA's registration at the provider, as a relying party holds it. */
export const spaClientMetadata = (responseTypes: string[] = ['code']) => ({
  client_id: SPA_CLIENT_ID,
  token_endpoint_auth_method: 'none',
  redirect_uris: [SPA_REDIRECT],
  post_logout_redirect_uris: [SPA_REDIRECT],
  response_types: responseTypes,
  id_token_signed_response_alg: 'ES256',
});

/** The SPA as a relying party (openid-client 6), from the provider's discovery document. */
export async function spaClient(issuerUrl: string, responseTypes: string[] = ['code']): Promise<RelyingParty> {
  return RelyingParty.discover(issuerUrl, spaClientMetadata(responseTypes));
}

/** What the SPA asks for: the OIDC scopes and every API scope (a token then holds exactly the user's permissions). */
export const ALL_REQUESTED = `openid profile email offline_access ${ALL_SCOPES.join(' ')}`;

export interface LoginResult {
  browser: Browser;
  callbackUrl: string;
  verifier: string;
  state: string;
  nonce: string;
}

/** Starts an authorization request in a browser, signs in on the login page and returns the redirect to the SPA. */
export async function authorizeAndLogin(
  client: RelyingParty,
  email: string,
  password = DEMO_PASSWORD,
  params: Record<string, string> = {},
  browser = new Browser(),
): Promise<LoginResult> {
  const { verifier, challenge } = await pkce();
  const state = client.oidc.randomState();
  const nonce = client.oidc.randomNonce();
  const url = client.authorizationUrl({
    scope: ALL_REQUESTED,
    redirect_uri: SPA_REDIRECT,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  });
  const first = await browser.navigate(url, {}, SPA_REDIRECT);
  if ('redirectedTo' in first && first.redirectedTo) {
    return { browser, callbackUrl: first.redirectedTo, verifier, state, nonce };
  }
  if (!first.page) throw new Error('no page');
  const login = first.page;
  if (!login.html.includes('Sign in to Timesheets'))
    throw new Error(`expected login page, got ${login.status}: ${login.html.slice(0, 500)}`);
  const action = new URL(formAction(login.html, '/login'), login.url).toString();
  const after = await browser.navigate(
    action,
    { method: 'POST', form: { csrf: csrfOf(login.html), email, password } },
    SPA_REDIRECT,
  );
  if (!('redirectedTo' in after) || !after.redirectedTo) {
    throw new Error(`login did not redirect: ${after.page?.status} ${after.page?.html}`);
  }
  return { browser, callbackUrl: after.redirectedTo, verifier, state, nonce };
}

/** Full code + PKCE flow through openid-client. */
export async function loginWithCode(
  client: RelyingParty,
  email: string,
  params: Record<string, string> = {},
  password = DEMO_PASSWORD,
): Promise<Tokens & { browser: Browser }> {
  const r = await authorizeAndLogin(client, email, password, params);
  const tokens = await client.codeGrant(r.callbackUrl, r);
  return Object.assign(tokens, { browser: r.browser });
}

/** Verifies an access token (ES256, see signing-keys.ts) against the provider's JWKS; returns header and payload. */
export async function verifyAccessToken(issuer: string, token: string, audience = DEFAULT_AUDIENCE) {
  const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: (JsonWebKey & { kid?: string })[] };
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded) throw new Error('not a JWT');
  const jwk = jwks.keys.find((k) => k.kid === decoded.header.kid);
  if (!jwk) throw new Error(`kid ${decoded.header.kid} not published`);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const payload = jwt.verify(token, key, { algorithms: ['ES256'], issuer, audience }) as jwt.JwtPayload;
  return { header: decoded.header, payload };
}

export function scopesOf(payload: object): string[] {
  const scope = (payload as { scope?: unknown }).scope;
  return typeof scope === 'string' ? scope.split(' ').filter(Boolean).sort() : [];
}
