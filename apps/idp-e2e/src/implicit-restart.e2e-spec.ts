import { openIdpDataSource, rotateSigningKeys } from '@timesheets/idp-data-access';
import { startPolicyStub, type PolicyStub } from './support/policy-stub';
import { Browser, csrfOf, formAction } from './support/browser';
import { pkce } from './support/relying-party';
import {
  DEMO_PASSWORD,
  authorizeAndLogin,
  loginWithCode,
  scopesOf,
  spaClient,
  SPA_REDIRECT,
  startIdp,
  verifyAccessToken,
  type RunningIdp,
} from './support/idp-harness';

describe('implicit flow (switched on for local development)', () => {
  let policy: PolicyStub;
  let op: RunningIdp;

  beforeAll(async () => {
    policy = await startPolicyStub();
    op = await startIdp(policy, { SPA_IMPLICIT_FLOW: 'true' });
  });
  afterAll(async () => {
    await op?.destroy();
    await policy?.close();
  });

  it('returns id_token and a JWT access token with requested ∩ permitted scopes in the fragment', async () => {
    const client = await spaClient(op.issuer, ['code', 'id_token token']);
    expect(client.metadata['response_types_supported']).toEqual(['code', 'id_token token']);
    const r = await authorizeAndLogin(client, 'alice@exampleco.test', undefined, {
      response_type: 'id_token token',
      scope: 'openid email profile read:timesheets approve:timesheets read:users',
    });
    const back = new URL(r.callbackUrl);
    expect(back.search).toBe('');
    const { params, claims } = await client.implicitCallback(r.callbackUrl, r);
    expect(params['code']).toBeUndefined();
    expect(params['refresh_token']).toBeUndefined();
    const { header, payload } = await verifyAccessToken(op.issuer, params['access_token']);
    expect(header.typ).toBe('at+jwt');
    expect(scopesOf(payload)).toEqual(['read:timesheets']);
    expect(claims).toMatchObject({ email: 'alice@exampleco.test', name: 'Alice Employee' });
  });

  it('keeps code + PKCE working for the same client', async () => {
    const client = await spaClient(op.issuer);
    const tokens = await loginWithCode(client, 'bob@exampleco.test');
    expect(scopesOf({ scope: tokens.scope })).toContain('approve:timesheets');
  });
});

describe('storage and keys survive a restart; rotation keeps the previous key published', () => {
  let policy: PolicyStub;
  let op: RunningIdp;

  beforeAll(async () => {
    policy = await startPolicyStub();
    op = await startIdp(policy);
  });
  afterAll(async () => {
    await op?.destroy();
    await policy?.close();
  });

  it('refresh tokens, sessions and signing keys come back from the database', async () => {
    let client = await spaClient(op.issuer);
    const before = await loginWithCode(client, 'carol@exampleco.test');
    const oldKid = (await verifyAccessToken(op.issuer, before.access_token as string)).header.kid;

    await op.stop();
    const ds = await openIdpDataSource(op.config.databaseUrl);
    const rotation = await rotateSigningKeys(ds);
    await ds.destroy();
    expect(rotation.retired).toContain(oldKid);
    expect(rotation.retired).toHaveLength(2);

    const port = Number(new URL(op.issuer).port);
    op = await startIdp(policy, {}, { port, db: op.db });

    const jwks = (await (await fetch(`${op.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual(
      [...Object.values(rotation.newKids), ...rotation.retired].sort(),
    );
    // A token signed before the rotation still verifies.
    await expect(verifyAccessToken(op.issuer, before.access_token as string)).resolves.toBeDefined();

    // A fresh relying party (openid-client caches the JWKS it saw before the rotation).
    client = await spaClient(op.issuer);
    const refreshed = await client.refresh(before.refresh_token as string);
    const { header } = await verifyAccessToken(op.issuer, refreshed.access_token as string);
    expect(header.kid).toBe(rotation.newKids.ES256);

    // The browser session persisted too: no login page this time.
    const again = await authorizeAndLogin(client, 'ignored@exampleco.test', 'unused', {}, before.browser);
    expect(new URL(again.callbackUrl).searchParams.get('code')).toEqual(expect.any(String));
  });
});

describe('two instances on one database behave as one provider', () => {
  let policy: PolicyStub;
  let a: RunningIdp;
  let b: RunningIdp;

  beforeAll(async () => {
    policy = await startPolicyStub();
    a = await startIdp(policy);
    // Same issuer and database, another port: as two instances behind one load balancer.
    b = await startIdp(policy, { ISSUER: a.issuer }, { db: a.db });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.destroy();
    await policy?.close();
  });

  it('shares signing keys, grants and refresh-token rotation state', async () => {
    const bUrl = `http://127.0.0.1:${b.config.port}`;
    const jwksA = await (await fetch(`${a.issuer}/jwks`)).json();
    const jwksB = await (await fetch(`${bUrl}/jwks`)).json();
    expect(jwksB).toEqual(jwksA);

    const client = await spaClient(a.issuer);
    const tokens = await loginWithCode(client, 'bob@exampleco.test');
    // Refresh at instance B with the token instance A issued.
    const res = await fetch(`${bUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'timesheets-spa',
        refresh_token: tokens.refresh_token as string,
      }),
    });
    expect(res.status).toBe(200);
    const fromB = (await res.json()) as { access_token: string; refresh_token: string };
    const { payload } = await verifyAccessToken(a.issuer, fromB.access_token);
    expect(scopesOf(payload)).toContain('approve:timesheets');
    // A sees that B consumed the token: replaying it at A revokes the grant, so B's new token dies too.
    await expect(client.refresh(tokens.refresh_token as string)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(client.refresh(fromB.refresh_token)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('picks up a key rotation without a restart; the previous key stays published', async () => {
    const client = await spaClient(a.issuer);
    const before = await loginWithCode(client, 'alice@exampleco.test');
    const oldKid = (await verifyAccessToken(a.issuer, before.access_token as string)).header.kid;
    const rotation = await rotateSigningKeys(a.idp.dataSource);
    // Each instance checks every minute; the test does not wait.
    expect(await a.idp.reloadSigningKeys()).toBe(true);
    expect(await b.idp.reloadSigningKeys()).toBe(true);
    expect(await a.idp.reloadSigningKeys()).toBe(false);
    expect(rotation.retired).toContain(oldKid);
    for (const url of [a.issuer, `http://127.0.0.1:${b.config.port}`]) {
      const jwks = (await (await fetch(`${url}/jwks`)).json()) as { keys: { kid: string }[] };
      expect(jwks.keys.map((k) => k.kid).sort()).toEqual(
        [...Object.values(rotation.newKids), ...rotation.retired].sort(),
      );
    }
    await expect(verifyAccessToken(a.issuer, before.access_token as string)).resolves.toBeDefined();
    const fresh = await spaClient(a.issuer);
    const refreshed = await fresh.refresh(before.refresh_token as string);
    expect((await verifyAccessToken(a.issuer, refreshed.access_token as string)).header.kid).toBe(
      rotation.newKids.ES256,
    );
    // The browser session survived the provider swap.
    const again = await authorizeAndLogin(fresh, 'unused@exampleco.test', 'unused', {}, before.browser);
    expect(new URL(again.callbackUrl).searchParams.get('code')).toEqual(expect.any(String));
  });

  it('throttles an account across instances', async () => {
    const attempt = async (base: string, password: string) => {
      const jar = new Browser();
      const { challenge } = await pkce();
      const url = new URL(`${base}/auth`);
      for (const [k, v] of Object.entries({
        client_id: 'timesheets-spa',
        response_type: 'code',
        scope: 'openid',
        redirect_uri: SPA_REDIRECT,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })) {
        url.searchParams.set(k, v);
      }
      const page = await jar.page(url.toString());
      const action = new URL(formAction(page.html, '/login'), page.url).toString();
      return jar.page(action, {
        method: 'POST',
        form: { csrf: csrfOf(page.html), email: 'carol@exampleco.test', password },
      });
    };
    for (let i = 0; i < 5; i++) expect((await attempt(a.issuer, 'wrong-password')).status).toBe(401);
    expect((await attempt(`http://127.0.0.1:${b.config.port}`, DEMO_PASSWORD)).status).toBe(429);
  });
});
