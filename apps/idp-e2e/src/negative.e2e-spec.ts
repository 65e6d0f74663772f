import { randomBytes, scryptSync } from 'node:crypto';
import { SCOPE_DESCRIPTIONS } from '@timesheets/contracts';
import { AccountEntity } from '@timesheets/idp-data-access';
import { startPolicyStub, type PolicyStub } from './support/policy-stub';
import { Browser, csrfOf, formAction } from './support/browser';
import { pkce, RelyingParty, tokenEndpointRefusal, type Tokens } from './support/relying-party';
import {
  authorizeAndLogin,
  DEMO_PASSWORD,
  loginWithCode,
  scopesOf,
  spaClient,
  SPA_REDIRECT,
  startIdp,
  verifyAccessToken,
  type RunningIdp,
} from './support/idp-harness';

const REPORTS_SECRET = 'reports-client-secret-0123456789abcdef';
const REPORTS_REDIRECT = 'http://localhost:5000/callback';

describe('the provider refuses what it must', () => {
  let policy: PolicyStub;
  let op: RunningIdp;
  let client: RelyingParty;
  /** A PKCE challenge for the authorization requests that never reach the token endpoint. */
  let challenge: string;

  beforeAll(async () => {
    policy = await startPolicyStub();
    op = await startIdp(policy, {
      // Requests come from 127.0.0.1; a test may act as a client elsewhere behind it (X-Forwarded-For).
      TRUST_PROXY: '127.0.0.1',
      THIRD_PARTY_CLIENTS: JSON.stringify([
        {
          client_id: 'reports',
          client_name: 'Reports',
          client_secret: REPORTS_SECRET,
          redirect_uris: [REPORTS_REDIRECT],
        },
      ]),
    });
    client = await spaClient(op.issuer);
    ({ challenge } = await pkce());
  });
  afterAll(async () => {
    await op?.destroy();
    await policy?.close();
  });
  beforeEach(() => policy.reset());

  /** Opens an authorization URL and returns the page shown (or the redirect to the SPA). */
  async function open(params: Record<string, string | undefined>, browser = new Browser()) {
    const url = new URL(`${op.issuer}/auth`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return browser.navigate(url.toString(), {}, SPA_REDIRECT);
  }
  const base = () => {
    return {
      client_id: 'timesheets-spa',
      response_type: 'code',
      scope: 'openid read:timesheets',
      redirect_uri: SPA_REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st',
    };
  };

  it.each([
    ['an extra path', 'http://localhost:4200/extra'],
    ['no trailing slash', 'http://localhost:4200'],
    ['a doubled trailing slash', 'http://localhost:4200//'],
    ['another port', 'http://localhost:4201/'],
    ['another scheme', 'https://localhost:4200/'],
    ['another host', 'http://127.0.0.1:4200/'],
  ])('rejects a redirect URI with %s without redirecting', async (_label, redirectUri) => {
    const result = await open({ ...base(), redirect_uri: redirectUri });
    expect('page' in result).toBe(true);
    const page = result.page!;
    expect(page.status).toBe(400);
    expect(page.html).toContain('redirect_uri');
  });

  it('refuses the implicit flow while it is switched off', async () => {
    const result = await open({ ...base(), response_type: 'id_token token', nonce: 'n' });
    const back = new URL(result.redirectedTo!);
    expect(back.searchParams.get('error') ?? new URLSearchParams(back.hash.slice(1)).get('error')).toBe(
      'unsupported_response_type',
    );
    expect(back.hash).not.toContain('access_token');
  });

  it('rejects an unknown client', async () => {
    const result = await open({ ...base(), client_id: 'nope' });
    expect(result.page?.status).toBe(400);
    expect(result.page?.html).toContain('invalid_client');
  });

  it.each([
    ['missing', { code_challenge: undefined, code_challenge_method: undefined }],
    ['plain', { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }],
  ])('refuses %s PKCE', async (_label, pkce) => {
    const result = await open({ ...base(), ...pkce });
    expect('redirectedTo' in result).toBe(true);
    const back = new URL(result.redirectedTo!);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('answers the same page for an unknown email and a wrong password', async () => {
    const jar = new Browser();
    const page = (await open(base(), jar)).page!;
    const act = new URL(formAction(page.html, '/login'), page.url).toString();
    const csrf = csrfOf(page.html);
    const post = (email: string) => jar.page(act, { method: 'POST', form: { csrf, email, password: 'whatever1' } });
    const unknown = await post('nobody@exampleco.test');
    const wrong = await post('alice@exampleco.test');
    // Identical but for the style nonce and the echoed email.
    const normalize = (html: string) => html.replace(/nonce="[^"]+"/, '').replace(/value="[^"]*@exampleco.test"/, '');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(normalize(unknown.html)).toBe(normalize(wrong.html));
    expect(unknown.html).toContain('Incorrect email or password.');
  });

  it('refuses a login form without the interaction CSRF token', async () => {
    const jar = new Browser();
    const page = (await open(base(), jar)).page!;
    const act = new URL(formAction(page.html, '/login'), page.url).toString();
    const res = await jar.page(act, {
      method: 'POST',
      form: { email: 'alice@exampleco.test', password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(403);
    const forged = await jar.page(act, {
      method: 'POST',
      form: { csrf: 'forged', email: 'alice@exampleco.test', password: DEMO_PASSWORD },
    });
    expect(forged.status).toBe(403);
  });

  it('blocked accounts cannot sign in, whether blocked here or in the API', async () => {
    await op.idp.runtime.accounts.create({ email: 'dora@exampleco.test', name: 'Dora', password: 'dora-password' });
    await op.idp.runtime.accounts.setBlocked('dora@exampleco.test', true);
    await expect(authorizeAndLogin(client, 'dora@exampleco.test', 'dora-password')).rejects.toThrow(
      /403[\s\S]*cannot sign in/,
    );

    policy.setBlocked('alice@exampleco.test', true);
    await expect(authorizeAndLogin(client, 'alice@exampleco.test')).rejects.toThrow(/403[\s\S]*cannot sign in/);
  });

  it('a user blocked while signed in gets access_denied instead of single sign-on', async () => {
    const tokens = await loginWithCode(client, 'bob@exampleco.test');
    policy.setBlocked('bob@exampleco.test', true);
    const inApi = new URL((await open(base(), tokens.browser)).redirectedTo!);
    expect(inApi.searchParams.get('error')).toBe('access_denied');
    expect(inApi.searchParams.get('code')).toBeNull();
    policy.setBlocked('bob@exampleco.test', false);

    const carol = await loginWithCode(client, 'carol@exampleco.test');
    await op.idp.runtime.accounts.setBlocked('carol@exampleco.test', true);
    try {
      const here = new URL((await open(base(), carol.browser)).redirectedTo!);
      expect(here.searchParams.get('error')).toBe('access_denied');
      await expect(client.refresh(carol.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
    } finally {
      await op.idp.runtime.accounts.setBlocked('carol@exampleco.test', false);
    }
  });

  it('fails closed when the policy endpoint is down or slow: no login, no refresh', async () => {
    const tokens = await loginWithCode(client, 'bob@exampleco.test');
    for (const mode of ['down', 'slow'] as const) {
      policy.mode = mode;
      await expect(authorizeAndLogin(client, 'bob@exampleco.test')).rejects.toThrow(/503[\s\S]*Sign-in is unavailable/);
      expect(await tokenEndpointRefusal(client.refresh(tokens.refresh_token as string))).toEqual({
        status: 500,
        error: 'server_error',
      });
    }
    policy.mode = 'ok';
    // The refresh token survived the outage (a failed check consumed nothing).
    const again = await client.refresh(tokens.refresh_token as string);
    expect(again.access_token).toEqual(expect.any(String));
  });

  it('a refresh token sent by parallel requests is used once: one wins, the others are replays that end the chain', async () => {
    const tokens = await loginWithCode(client, 'alice@exampleco.test');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => client.refresh(tokens.refresh_token as string)),
    );
    const won = outcomes.filter((o): o is PromiseFulfilledResult<Tokens> => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const { reason } of lost) expect(reason).toMatchObject({ error: 'invalid_grant' });
    // RFC 9700 §4.14.2: the replay revoked the grant, so the winner's rotated refresh token is dead too.
    await expect(client.refresh(won[0].value.refresh_token as string)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('an authorization code redeemed by parallel requests gives tokens once, and the grant is revoked', async () => {
    const login = await authorizeAndLogin(client, 'bob@exampleco.test');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => client.codeGrant(login.callbackUrl, login)),
    );
    const won = outcomes.filter((o): o is PromiseFulfilledResult<Tokens> => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ error: 'invalid_grant' });
    await expect(client.refresh(won[0].value.refresh_token as string)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('checks at most 5 of 12 parallel wrong passwords on one interaction; the rest are refused unchecked', async () => {
    await op.idp.runtime.accounts.create({ email: 'pat@exampleco.test', name: 'Pat', password: 'pat-password' });
    const jar = new Browser({ 'x-forwarded-for': '198.51.100.21' });
    const page = (await open(base(), jar)).page!;
    const act = new URL(formAction(page.html, '/login'), page.url).toString();
    const form = { csrf: csrfOf(page.html), email: 'pat@exampleco.test', password: 'wrong-password' };
    const answers = await Promise.all(Array.from({ length: 12 }, () => jar.page(act, { method: 'POST', form })));
    const statuses = answers.map((a) => a.status);
    // 401: checked and wrong (one at a time: the account's checks wait for each other); 429: refused unchecked.
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    const right = await jar.page(act, { method: 'POST', form: { ...form, password: 'pat-password' } });
    expect(right.status).toBe(429);
  });

  it('upgrades an account stored with older hash parameters at its next sign-in', async () => {
    const { accounts, dataSource } = op.idp.runtime;
    const account = await accounts.create({ email: 'otto@exampleco.test', name: 'Otto', password: 'otto-password' });
    const salt = randomBytes(16);
    const key = scryptSync('otto-password', salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const legacy = ['scrypt', 1 << 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    const repo = dataSource.getRepository(AccountEntity);
    await repo.update({ id: account.id }, { passwordHash: legacy });
    await expect(loginWithCode(client, 'otto@exampleco.test', {}, 'otto-password')).resolves.toBeDefined();
    expect((await repo.findOneByOrFail({ id: account.id })).passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    await expect(loginWithCode(client, 'otto@exampleco.test', {}, 'otto-password')).resolves.toBeDefined();
  });

  it('refuses an oversized login form with 413, not a server error', async () => {
    const jar = new Browser({ 'x-forwarded-for': '198.51.100.22' });
    const page = (await open(base(), jar)).page!;
    const act = new URL(formAction(page.html, '/login'), page.url).toString();
    const res = await jar.page(act, {
      method: 'POST',
      form: { csrf: csrfOf(page.html), email: 'alice@exampleco.test', password: 'x'.repeat(20_000) },
    });
    expect(res.status).toBe(413);
  });

  it('shows a third-party client a consent page and grants requested ∩ permitted', async () => {
    const reports = await RelyingParty.discover(
      op.issuer,
      { client_id: 'reports', redirect_uris: [REPORTS_REDIRECT], response_types: ['code'] },
      REPORTS_SECRET,
    );
    const { verifier, challenge: reportsChallenge } = await pkce();
    const jar = new Browser();
    const url = reports.authorizationUrl({
      scope: 'openid email read:timesheets approve:timesheets read:users',
      code_challenge: reportsChallenge,
      code_challenge_method: 'S256',
      state: 'r1',
    });
    const login = (await jar.navigate(url, {}, REPORTS_REDIRECT)).page!;
    const consentResult = await jar.navigate(
      new URL(formAction(login.html, '/login'), login.url).toString(),
      { method: 'POST', form: { csrf: csrfOf(login.html), email: 'alice@exampleco.test', password: DEMO_PASSWORD } },
      REPORTS_REDIRECT,
    );
    const consent = consentResult.page!;
    expect(consent.status).toBe(200);
    expect(consent.html).toContain('Allow Reports to access your Timesheets account?');
    expect(consent.html).toContain('Read your timesheet entries');
    expect(consent.html).not.toContain(SCOPE_DESCRIPTIONS['approve:timesheets']);
    const done = await jar.navigate(
      new URL(formAction(consent.html, '/confirm'), consent.url).toString(),
      { method: 'POST', form: { csrf: csrfOf(consent.html) } },
      REPORTS_REDIRECT,
    );
    const tokens = await reports.codeGrant(done.redirectedTo!, { verifier, state: 'r1' });
    // A client that registered no algorithm gets OpenID Connect's default for its ID token (verified by openid-client).
    expect(JSON.parse(Buffer.from(String(tokens.id_token).split('.')[0], 'base64url').toString())).toMatchObject({
      alg: 'RS256',
    });
    expect(scopesOf((await verifyAccessToken(op.issuer, tokens.access_token as string)).payload)).toEqual([
      'read:timesheets',
    ]);
  });

  it('the consent page shows everything the client will get: identity, name, email, offline access, API scopes', async () => {
    const reports = await RelyingParty.discover(
      op.issuer,
      { client_id: 'reports', redirect_uris: [REPORTS_REDIRECT], response_types: ['code'] },
      REPORTS_SECRET,
    );
    const { verifier, challenge: reportsChallenge } = await pkce();
    const jar = new Browser();
    const url = reports.authorizationUrl({
      scope: 'openid profile email offline_access read:timesheets approve:timesheets',
      // OpenID Connect grants offline_access only with prompt=consent (oidc-provider drops it otherwise).
      prompt: 'consent',
      code_challenge: reportsChallenge,
      code_challenge_method: 'S256',
      state: 'r3',
    });
    const login = (await jar.navigate(url, {}, REPORTS_REDIRECT)).page!;
    const consent = (
      await jar.navigate(
        new URL(formAction(login.html, '/login'), login.url).toString(),
        { method: 'POST', form: { csrf: csrfOf(login.html), email: 'alice@exampleco.test', password: DEMO_PASSWORD } },
        REPORTS_REDIRECT,
      )
    ).page!;
    expect(consent.status).toBe(200);
    for (const line of [
      'Know who you are (your account identifier)',
      'See your name: Alice Employee',
      'See your email address: alice@exampleco.test',
      SCOPE_DESCRIPTIONS['read:timesheets'],
      'Keep this access while you are not using it, for up to 14 days',
    ]) {
      expect(consent.html).toContain(line);
    }
    // Alice cannot approve, so the client will not get it either, and the page does not offer it.
    expect(consent.html).not.toContain(SCOPE_DESCRIPTIONS['approve:timesheets']);
    const done = await jar.navigate(
      new URL(formAction(consent.html, '/confirm'), consent.url).toString(),
      { method: 'POST', form: { csrf: csrfOf(consent.html) } },
      REPORTS_REDIRECT,
    );
    const tokens = await reports.codeGrant(done.redirectedTo!, { verifier, state: 'r3' });
    // What the client got is what the page listed: an identity with name and email, a refresh token (offline
    // access) and the API scope.
    expect(tokens.claims()).toMatchObject({ name: 'Alice Employee', email: 'alice@exampleco.test' });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const apiScopes = scopesOf((await verifyAccessToken(op.issuer, tokens.access_token as string)).payload);
    expect(apiScopes).toEqual(['read:timesheets']);
    for (const scope of ['openid', 'profile', 'email', 'offline_access', ...apiScopes]) {
      expect(consent.html).toContain(`(${scope})`);
    }
  });

  it("the consent page speaks the page's language: every line in German for ui_locales=de", async () => {
    const reports = await RelyingParty.discover(
      op.issuer,
      { client_id: 'reports', redirect_uris: [REPORTS_REDIRECT], response_types: ['code'] },
      REPORTS_SECRET,
    );
    const { challenge } = await pkce();
    const jar = new Browser();
    const url = reports.authorizationUrl({
      scope: 'openid profile email offline_access read:timesheets',
      prompt: 'consent',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'r4',
      ui_locales: 'de',
    });
    const login = (await jar.navigate(url, {}, REPORTS_REDIRECT)).page!;
    const consent = (
      await jar.navigate(
        new URL(formAction(login.html, '/login'), login.url).toString(),
        { method: 'POST', form: { csrf: csrfOf(login.html), email: 'alice@exampleco.test', password: DEMO_PASSWORD } },
        REPORTS_REDIRECT,
      )
    ).page!;
    expect(consent.status).toBe(200);
    expect(consent.html).toContain('lang="de"');
    for (const line of [
      'Wissen, wer Sie sind (Ihre Konto-Kennung)',
      'Ihren Namen sehen: Alice Employee',
      'Ihre E-Mail-Adresse sehen: alice@exampleco.test',
      'Ihre Zeiteinträge lesen',
      'bis zu 14 Tage lang',
    ]) {
      expect(consent.html).toContain(line);
    }
    for (const english of [
      'Know who you are',
      'See your name',
      SCOPE_DESCRIPTIONS['read:timesheets'],
      'Keep this access',
    ]) {
      expect(consent.html).not.toContain(english);
    }
  });

  it("tells the policy whether the account's email is verified, and asserts email_verified only when it is", async () => {
    const { accounts } = op.idp.runtime;
    const vera = await accounts.create({ email: 'vera@exampleco.test', name: 'Vera', password: 'vera-password' });
    const policyFor = (subject: string) => policy.requests.filter((r) => r.subject === subject);

    const unverified = await loginWithCode(client, 'vera@exampleco.test', {}, 'vera-password');
    expect(unverified.claims()).toMatchObject({ email: 'vera@exampleco.test', email_verified: false });
    expect(policyFor(vera.id).length).toBeGreaterThan(0);
    for (const request of policyFor(vera.id)) expect(request).toMatchObject({ emailVerified: false });

    await accounts.setEmailVerified('vera@exampleco.test', true);
    policy.requests.length = 0;
    const verified = await loginWithCode(client, 'vera@exampleco.test', {}, 'vera-password');
    expect(verified.claims()).toMatchObject({ email_verified: true });
    expect(policyFor(vera.id).length).toBeGreaterThan(0);
    for (const request of policyFor(vera.id)) expect(request).toMatchObject({ emailVerified: true });
    // The refresh of a session signed in unverified asks with the account's current flag.
    policy.requests.length = 0;
    await client.refresh(unverified.refresh_token as string);
    expect(policyFor(vera.id)).toEqual([expect.objectContaining({ emailVerified: true })]);

    // The demo accounts are verified (the API's demo pre-provisions them by these addresses).
    const alice = await loginWithCode(client, 'alice@exampleco.test');
    expect(alice.claims()).toMatchObject({ email_verified: true });
  });

  it('a third-party client gets access_denied when the user denies consent', async () => {
    const jar = new Browser();
    const url = new URL(`${op.issuer}/auth`);
    for (const [k, v] of Object.entries({
      client_id: 'reports',
      response_type: 'code',
      scope: 'openid read:timesheets',
      redirect_uri: REPORTS_REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'r2',
    })) {
      url.searchParams.set(k, v);
    }
    const login = (await jar.navigate(url.toString(), {}, REPORTS_REDIRECT)).page!;
    const consent = (
      await jar.navigate(
        new URL(formAction(login.html, '/login'), login.url).toString(),
        { method: 'POST', form: { csrf: csrfOf(login.html), email: 'bob@exampleco.test', password: DEMO_PASSWORD } },
        REPORTS_REDIRECT,
      )
    ).page!;
    const done = await jar.navigate(
      new URL(formAction(consent.html, '/abort'), consent.url).toString(),
      { method: 'POST', form: { csrf: csrfOf(consent.html) } },
      REPORTS_REDIRECT,
    );
    const back = new URL(done.redirectedTo!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('throttles an account after 5 failures, and an address after 20', async () => {
    const fail = async (email: string, password = 'wrong-password') => {
      const jar = new Browser();
      const page = (await open(base(), jar)).page!;
      const act = new URL(formAction(page.html, '/login'), page.url).toString();
      return jar.page(act, { method: 'POST', form: { csrf: csrfOf(page.html), email, password } });
    };
    for (let i = 0; i < 5; i++) expect((await fail('carol@exampleco.test')).status).toBe(401);
    const blocked = await fail('carol@exampleco.test', DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.html).toContain('try again later');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    // Other accounts from the same address still work...
    await expect(loginWithCode(client, 'bob@exampleco.test')).resolves.toBeDefined();
    // ...until the address itself has failed 20 times (5 above, plus earlier tests' 2).
    for (let i = 0; i < 13; i++) await fail(`nobody${i}@exampleco.test`);
    expect((await fail('bob@exampleco.test', DEMO_PASSWORD)).status).toBe(429);
  });
});
