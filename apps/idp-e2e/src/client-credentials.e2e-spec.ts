import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { IssuedClientSecretDto, MachineClientDto, MeResponse, Page, TimesheetEntry } from '@timesheets/contracts';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@timesheets/idp-data-access';
import { startApiProcess, type ApiProcess } from './support/api-process';
import {
  freePort,
  loginWithCode,
  spaClient,
  startIdp,
  verifyAccessToken,
  type RunningIdp,
} from './support/idp-harness';
import type { PolicyStub } from './support/policy-stub';

const POLICY_KEY = 'machine-clients-policy-key-0123456789';
const AUDIENCE = 'http://localhost:3333/api';

interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Machine clients end to end: registered in the real API by an admin signed in at the real provider, then given
 * client-credentials tokens by the provider (which asks the API at every request), accepted by two API instances on
 * one database; rotation with an overlap, revocation (the next token request fails; another instance refuses the
 * client's tokens within 5 s), and the hostile cases.
 */
describe('client credentials (machine clients)', () => {
  let api: ApiProcess;
  let other: ApiProcess;
  let apiDb: ThrowawayDatabase;
  let op: RunningIdp;
  let adminToken: string;

  beforeAll(async () => {
    const idpPort = await freePort();
    const issuer = `http://127.0.0.1:${idpPort}`;
    apiDb = await createThrowawayDatabase(process.env['TEST_POSTGRES_URL']);
    const env = {
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: AUDIENCE,
      AUTHZ_POLICY_KEY: POLICY_KEY,
      DATABASE_URL: apiDb.url,
      AUTHZ_DEMO_USERS: 'true',
      DEMO_DATA: 'true',
    };
    api = await startApiProcess(env);
    other = await startApiProcess(env);
    op = await startIdp({ url: `${api.url}/authz/policy`, key: POLICY_KEY } as PolicyStub, {}, { port: idpPort });
    const carol = await loginWithCode(await spaClient(op.issuer), 'carol@exampleco.test');
    adminToken = carol.access_token as string;
  });
  afterAll(async () => {
    if (process.env['IDP_E2E_DEBUG']) console.log(api?.output());
    await op?.destroy();
    await api?.close();
    await other?.close();
    await apiDb?.drop();
  });

  const admin = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${api.url}/admin${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const register = async (scopes = ['import:timesheets']): Promise<IssuedClientSecretDto> => {
    const res = await admin<IssuedClientSecretDto>('POST', '/clients', { name: 'Nightly import', scopes });
    expect(res.status).toBe(201);
    return res.body;
  };
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  const token = async (form: Record<string, string>, auth?: { id: string; secret: string }): Promise<TokenAnswer> => {
    const res = await fetch(`${op.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(auth ? { authorization: basic(auth.id, auth.secret) } : {}),
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...form }).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const me = async (accessToken: string, at: ApiProcess = api): Promise<MeResponse> =>
    (await (await fetch(`${at.url}/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as MeResponse;

  it('issues a short-lived JWT for the API with requested ∩ allowed scopes and no user; the API knows the client', async () => {
    const { client, clientSecret } = await register();
    const res = await token({ scope: 'import:timesheets' }, { id: client.id, secret: clientSecret });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: 'import:timesheets', expires_in: 300 });
    expect(res.body['refresh_token']).toBeUndefined();
    expect(res.body['id_token']).toBeUndefined();
    const accessToken = res.body['access_token'] as string;
    const { header, payload } = await verifyAccessToken(op.issuer, accessToken, AUDIENCE);
    expect(header.typ).toBe('at+jwt');
    expect(payload).toMatchObject({ sub: client.id, client_id: client.id, aud: AUDIENCE, scope: 'import:timesheets' });
    expect(payload['email']).toBeUndefined();
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300);
    const seen = await me(accessToken);
    expect(seen).toMatchObject({ subject: client.id, scopes: ['import:timesheets'], roles: [], groups: [] });
    // client_secret_post too (openid-client's default)
    const posted = await token({ scope: 'import:timesheets', client_id: client.id, client_secret: clientSecret });
    expect(posted.status).toBe(200);
  });

  it('a machine asking for user scopes gets none of them: invalid_scope when nothing it may have is left', async () => {
    const { client, clientSecret } = await register();
    const auth = { id: client.id, secret: clientSecret };
    const mixed = await token({ scope: 'import:timesheets read:timesheets manage:clients' }, auth);
    expect(mixed.status).toBe(200);
    expect(mixed.body['scope']).toBe('import:timesheets');
    for (const scope of ['read:timesheets', 'read:timesheets approve:timesheets read:users', '']) {
      const res = await token(scope ? { scope } : {}, auth);
      expect({ scope, status: res.status, error: res.body['error'] }).toEqual({
        scope,
        status: 400,
        error: 'invalid_scope',
      });
    }
  });

  it('refuses a wrong secret, an unknown client, a public client and a user-facing grant with invalid_client', async () => {
    const { client, clientSecret } = await register();
    for (const auth of [
      { id: client.id, secret: `${clientSecret.slice(0, -1)}${clientSecret.endsWith('A') ? 'B' : 'A'}` },
      { id: client.id, secret: 'x' },
      { id: 'mc_AAAAAAAAAAAAAAAAAAAAAA', secret: clientSecret },
    ]) {
      const res = await token({ scope: 'import:timesheets' }, auth);
      expect({ status: res.status, error: res.body['error'] }).toEqual({ status: 401, error: 'invalid_client' });
    }
    // The SPA (a public client) cannot use the grant
    const spa = await token({ scope: 'import:timesheets', client_id: 'timesheets-spa' });
    expect(spa.status).toBeGreaterThanOrEqual(400);
    expect(spa.body['access_token']).toBeUndefined();
    // A machine client exists for its token requests only: no authorization endpoint
    const authorize = await fetch(
      `${op.issuer}/auth?client_id=${client.id}&response_type=code&scope=openid&redirect_uri=http://localhost:4200/`,
      { redirect: 'manual' },
    );
    expect(authorize.status).toBe(400);
  });

  it('rotation: both secrets work during the overlap; with overlapSeconds 0 only the new one', async () => {
    const { client, clientSecret: first } = await register();
    const rotated = await admin<IssuedClientSecretDto>('POST', `/clients/${client.id}/secret`, {});
    expect(rotated.status).toBe(200);
    const second = rotated.body.clientSecret;
    for (const secret of [first, second])
      expect((await token({ scope: 'import:timesheets' }, { id: client.id, secret })).status).toBe(200);
    const third = (await admin<IssuedClientSecretDto>('POST', `/clients/${client.id}/secret`, { overlapSeconds: 0 }))
      .body.clientSecret;
    for (const secret of [first, second])
      expect((await token({ scope: 'import:timesheets' }, { id: client.id, secret })).status).toBe(401);
    expect((await token({ scope: 'import:timesheets' }, { id: client.id, secret: third })).status).toBe(200);
  });

  it('revocation: the next token request fails, and another API instance refuses its tokens within 5 s', async () => {
    const { client, clientSecret } = await register();
    const auth = { id: client.id, secret: clientSecret };
    const accessToken = (await token({ scope: 'import:timesheets' }, auth)).body['access_token'] as string;
    // The other instance has seen the client (its cache holds the grant)
    expect((await me(accessToken, other)).scopes).toEqual(['import:timesheets']);
    const revoked = await admin<MachineClientDto>('POST', `/clients/${client.id}/revoke`);
    expect(revoked.status).toBe(200);
    const at = Date.now();
    expect((await token({ scope: 'import:timesheets' }, auth)).body['error']).toBe('invalid_client');
    expect((await me(accessToken)).scopes).toEqual([]);
    let scopes = (await me(accessToken, other)).scopes;
    while (scopes.length > 0 && Date.now() - at < 5_000) {
      await new Promise((r) => setTimeout(r, 100));
      scopes = (await me(accessToken, other)).scopes;
    }
    expect(scopes).toEqual([]);
    expect(Date.now() - at).toBeLessThan(5_000);
  });

  it('npm run import: a CSV uploaded with client credentials (openid-client 6), a report per row; bad files upload nothing', async () => {
    const alice = await loginWithCode(await spaClient(op.issuer), 'alice@exampleco.test');
    const { client, clientSecret } = await register();
    const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
    const day = new Date().toISOString().slice(0, 10);
    const run = async (csv: string, args: string[] = []) => {
      const file = join(dir, `${Math.random().toString(36).slice(2)}.csv`);
      writeFileSync(file, csv);
      try {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['tools/import/import.mjs', '--file', file, ...args],
          {
            env: {
              PATH: process.env['PATH'],
              IMPORT_ISSUER: op.issuer,
              IMPORT_API_URL: api.url,
              IMPORT_CLIENT_ID: client.id,
              IMPORT_CLIENT_SECRET: clientSecret,
            },
          },
        );
        return { code: 0, out: stdout };
      } catch (e) {
        const err = e as { code: number; stdout: string; stderr: string };
        return { code: err.code, out: `${err.stdout}${err.stderr}` };
      }
    };
    const entries = async () =>
      (
        (await (
          await fetch(`${api.url}/timesheets?from=${day}&to=${day}`, {
            headers: { authorization: `Bearer ${alice.access_token}` },
          })
        ).json()) as Page<TimesheetEntry>
      ).items.filter((e) => e.notes === 'from the badge reader');

    const bad = await run(`email,date,project,hours,notes\nalice@exampleco.test,${day},"NW-WEB,2,x\n`);
    expect(bad).toMatchObject({ code: 2, out: expect.stringContaining('malformed CSV') });
    const refused = await run(
      `email,date,project,hours,notes\nalice@exampleco.test,${day},NW-WEB,2,from the badge reader\n` +
        `alice@exampleco.test,${day},NOPE,1,from the badge reader\n`,
    );
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('row 2: REFUSED project: There is no project NOPE.');
    expect(await entries()).toEqual([]);

    const csv = `email,date,project,hours,notes\nalice@exampleco.test,${day},nw-web,2,from the badge reader\n`;
    const done = await run(csv);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/row 1: imported alice@exampleco.test .* NW-WEB 2 h \(draft, /);
    // The same file again: the Idempotency-Key (a hash of the file) makes it the first answer, nothing twice
    expect((await run(csv)).out).toBe(done.out);
    expect(await entries()).toHaveLength(1);
  });
});
