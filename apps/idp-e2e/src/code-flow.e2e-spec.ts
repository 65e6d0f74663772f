import { ALL_SCOPES, DEFAULT_AUDIENCE, SEEDED_ROLES, SPA_CLIENT_ID } from '@timesheets/contracts';
import { startPolicyStub, type PolicyStub } from './support/policy-stub';
import { Browser } from './support/browser';
import type { RelyingParty } from './support/relying-party';
import {
  authorizeAndLogin,
  loginWithCode,
  scopesOf,
  spaClient,
  SPA_REDIRECT,
  startIdp,
  verifyAccessToken,
  type RunningIdp,
} from './support/idp-harness';

const REQUESTED_API: readonly string[] = ALL_SCOPES;
const expectedFor = (role: keyof typeof SEEDED_ROLES) =>
  SEEDED_ROLES[role].permissions.filter((p) => REQUESTED_API.includes(p)).sort();

// Tokens signed through WebCrypto's thread pool (several CPUs) and in the event loop's thread (one CPU): same tokens.
describe.each([
  ['thread pool', false],
  ['in-process', true],
])('authorization code + PKCE with a real client (signing: %s)', (_signing, signInProcess) => {
  let policy: PolicyStub;
  let op: RunningIdp;
  let client: RelyingParty;

  beforeAll(async () => {
    policy = await startPolicyStub();
    op = await startIdp(policy, {}, { signInProcess });
    client = await spaClient(op.issuer);
  });
  afterAll(async () => {
    await op?.destroy();
    await policy?.close();
  });
  beforeEach(() => policy.reset());

  it('publishes discovery: S256 only, code flow, a JWKS of public RS256 and ES256 keys', async () => {
    const meta = client.metadata;
    expect(meta.issuer).toBe(op.issuer);
    expect(meta['code_challenge_methods_supported']).toEqual(['S256']);
    expect(meta['response_types_supported']).toEqual(['code']);
    expect(meta.revocation_endpoint).toBeDefined();
    expect(meta.end_session_endpoint).toBeDefined();
    const jwks = (await (await fetch(meta.jwks_uri as string)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(2);
    const rsa = jwks.keys.find((k) => k['alg'] === 'RS256');
    const ec = jwks.keys.find((k) => k['alg'] === 'ES256');
    expect(rsa).toMatchObject({ kty: 'RSA', use: 'sig' });
    expect(Object.keys(rsa ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(ec).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'sig' });
    expect(Object.keys(ec ?? {}).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });

  it('serves an accessible, self-contained login page with a strict CSP', async () => {
    const url = client.authorizationUrl({
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const result = await new Browser().navigate(url, {}, SPA_REDIRECT);
    const page = result.page!;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'nonce-[^']+'/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('<html lang="en">');
    expect(page.html.match(/<h1>/g)).toHaveLength(1);
    expect(page.html).toContain('<label for="email">');
    expect(page.html).toContain('<label for="password">');
    expect(page.html).not.toMatch(/<script|<link|https?:\/\//);
  });

  it.each([
    ['alice@exampleco.test', 'employee', 'Alice Employee'],
    ['bob@exampleco.test', 'manager', 'Bob Manager'],
    ['carol@exampleco.test', 'admin', 'Carol Admin'],
    ['paula@exampleco.test', 'payroll', 'Paula Payroll'],
  ] as const)('%s gets exactly the requested ∩ %s scopes', async (email, role, name) => {
    const tokens = await loginWithCode(client, email);
    const { header, payload } = await verifyAccessToken(op.issuer, tokens.access_token as string);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) });
    // The SPA registered ES256 for its ID tokens too (openid-client verified it with that algorithm).
    expect(JSON.parse(Buffer.from(String(tokens.id_token).split('.')[0], 'base64url').toString())).toMatchObject({
      alg: 'ES256',
    });
    expect(payload).toMatchObject({
      iss: op.issuer,
      aud: DEFAULT_AUDIENCE,
      client_id: SPA_CLIENT_ID,
      sub: expect.any(String),
      jti: expect.any(String),
    });
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(scopesOf(payload)).toEqual(expectedFor(role));
    expect(scopesOf({ scope: tokens.scope })).toEqual(expectedFor(role));
    const claims = tokens.claims();
    expect(claims).toMatchObject({ email, name, sub: payload.sub, aud: SPA_CLIENT_ID });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(
      policy.requests.some((r) => r.email === email && r.issuer === op.issuer && r.clientId === SPA_CLIENT_ID),
    ).toBe(true);
  });

  it('an employee asking for approve:timesheets and admin scopes does not get them', async () => {
    const tokens = await loginWithCode(client, 'alice@exampleco.test', {
      scope: 'openid approve:timesheets read:users read:audit read:timesheets',
    });
    const { payload } = await verifyAccessToken(op.issuer, tokens.access_token as string);
    expect(scopesOf(payload)).toEqual(['read:timesheets']);
  });

  it('a permission granted later shows up at the next authorization in the same session', async () => {
    const first = await loginWithCode(client, 'alice@exampleco.test');
    expect(scopesOf({ scope: first.scope })).not.toContain('approve:timesheets');
    policy.setPermissions('alice@exampleco.test', [...SEEDED_ROLES.manager.permissions]);
    // Single sign-on: the session cookie signs her in without the login page.
    const again = await authorizeAndLogin(client, 'unused@exampleco.test', 'unused', {}, first.browser);
    const tokens = await client.codeGrant(again.callbackUrl, again);
    expect(scopesOf({ scope: tokens.scope })).toEqual(expectedFor('manager'));
  });

  it('refresh rotates the token, works without a scope parameter and re-evaluates permissions', async () => {
    const first = await loginWithCode(client, 'bob@exampleco.test');
    const second = await client.refresh(first.refresh_token as string);
    expect(second.refresh_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(scopesOf((await verifyAccessToken(op.issuer, second.access_token as string)).payload)).toEqual(
      expectedFor('manager'),
    );
    expect(second.claims()).toMatchObject({ email: 'bob@exampleco.test' });

    // The manager role is taken away: the next refresh carries only what is left.
    policy.setPermissions('bob@exampleco.test', ['read:timesheets']);
    const third = await client.refresh(second.refresh_token as string);
    expect(scopesOf((await verifyAccessToken(op.issuer, third.access_token as string)).payload)).toEqual([
      'read:timesheets',
    ]);

    // Blocked in the API: refresh refused.
    policy.setBlocked('bob@exampleco.test', true);
    await expect(client.refresh(third.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('replaying a used refresh token revokes the whole grant', async () => {
    const first = await loginWithCode(client, 'alice@exampleco.test');
    const second = await client.refresh(first.refresh_token as string);
    await expect(client.refresh(first.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The legitimate successor dies with the grant.
    await expect(client.refresh(second.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('works with the SPA library parameters: resource and audience at authorize, code exchange and refresh', async () => {
    const extras = { resource: DEFAULT_AUDIENCE, audience: DEFAULT_AUDIENCE };
    const r = await authorizeAndLogin(client, 'bob@exampleco.test', undefined, extras);
    const tokens = await client.codeGrant(r.callbackUrl, r, extras);
    expect(scopesOf({ scope: tokens.scope })).toEqual(expectedFor('manager'));
    const refreshed = await client.refresh(tokens.refresh_token as string, extras);
    const { payload } = await verifyAccessToken(op.issuer, refreshed.access_token as string);
    expect(payload.aud).toBe(DEFAULT_AUDIENCE);
    expect(scopesOf(payload)).toEqual(expectedFor('manager'));
    // What the SPA does at logout: revoke both tokens. A JWT access token cannot be revoked (it simply expires).
    const revokeAt = await fetch(client.metadata.revocation_endpoint as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: SPA_CLIENT_ID,
        token: refreshed.access_token as string,
        token_type_hint: 'access_token',
      }),
    });
    expect(revokeAt.status).toBe(400);
    expect(await revokeAt.json()).toMatchObject({ error: 'unsupported_token_type' });
    await client.revoke(refreshed.refresh_token as string, 'refresh_token');
    await expect(client.refresh(refreshed.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('revocation ends a refresh token', async () => {
    const tokens = await loginWithCode(client, 'alice@exampleco.test');
    await client.revoke(tokens.refresh_token as string, 'refresh_token');
    await expect(client.refresh(tokens.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it("RP-initiated logout with the SPA's own id_token_hint signs out without asking, to the registered URI only", async () => {
    const tokens = await loginWithCode(client, 'carol@exampleco.test');
    const { browser } = tokens;
    const endUrl = client.endSessionUrl({
      id_token_hint: tokens.id_token as string,
      post_logout_redirect_uri: SPA_REDIRECT,
      state: 'bye',
    });
    // The user asked in the application already: no second question, the provider's form submits itself.
    const proceed = await browser.page(endUrl);
    expect(proceed.status).toBe(200);
    expect(proceed.html).not.toContain('Sign out of Timesheets?');
    const csp = proceed.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    const nonce = /<script nonce="([^"]+)">/.exec(proceed.html)![1];
    expect(csp).toContain(`script-src 'nonce-${nonce}'`);
    expect(proceed.html).toContain('name="logout" value="yes"');
    const action = /action="([^"]+)"/.exec(proceed.html)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(proceed.html)![1];
    const done = await browser.navigate(
      new URL(action, op.issuer).toString(),
      { method: 'POST', form: { xsrf, logout: 'yes' } },
      SPA_REDIRECT,
    );
    expect('redirectedTo' in done && done.redirectedTo).toBe(`${SPA_REDIRECT}?state=bye`);
    // The SPA's grant ended with the session: its refresh token is dead.
    await expect(client.refresh(tokens.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });

    // The session is gone: a new authorization request shows the login page again.
    const again = await browser.navigate(
      client.authorizationUrl({ scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }),
      {},
      SPA_REDIRECT,
    );
    expect('page' in again && again.page?.html).toContain('Sign in to Timesheets');

    const bad = await browser.page(
      client.endSessionUrl({
        id_token_hint: tokens.id_token as string,
        post_logout_redirect_uri: 'http://localhost:4200/evil',
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('post_logout_redirect_uri');
  });

  it("RP-initiated logout asks first without an id_token_hint, or with another user's", async () => {
    const alice = await loginWithCode(client, 'alice@exampleco.test');
    const bob = await loginWithCode(client, 'bob@exampleco.test');
    const ask = async (params: Record<string, string>) => {
      const page = await alice.browser.page(
        client.endSessionUrl({ post_logout_redirect_uri: SPA_REDIRECT, ...params }),
      );
      expect(page.status).toBe(200);
      expect(page.html).toContain('Sign out of Timesheets?');
      expect(page.html).not.toContain('<script');
      expect(page.headers.get('content-security-policy')).not.toContain('script-src');
      return page;
    };
    await ask({}); // client_id only
    const confirm = await ask({ id_token_hint: bob.id_token as string });
    // "No, stay signed in" (no logout=yes): Alice's session at the provider lives on.
    const action = /action="([^"]+)"/.exec(confirm.html)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.html)![1];
    await alice.browser.navigate(
      new URL(action, op.issuer).toString(),
      { method: 'POST', form: { xsrf } },
      SPA_REDIRECT,
    );
    const again = await alice.browser.navigate(
      client.authorizationUrl({ scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }),
      {},
      SPA_REDIRECT,
    );
    expect('redirectedTo' in again && again.redirectedTo).toContain('code=');
  });

  it('exchanging a code twice fails, and the wrong verifier fails', async () => {
    const r = await authorizeAndLogin(client, 'alice@exampleco.test');
    await expect(client.codeGrant(r.callbackUrl, { ...r, verifier: `${r.verifier}x` })).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    const r2 = await authorizeAndLogin(client, 'alice@exampleco.test', undefined, {}, r.browser);
    await client.codeGrant(r2.callbackUrl, r2);
    const replay = client.codeGrant(r2.callbackUrl, r2);
    await expect(replay).rejects.toBeInstanceOf(client.oidc.ResponseBodyError);
    await expect(replay).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
