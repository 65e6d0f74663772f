import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCorporateIssuer, userId, type CorporateIssuer, type CorporateKind } from './corporate-issuer';

/**
 * The SPA signing in against Microsoft Entra ID and Okta by run-time configuration alone: the built SPA served by the
 * built SPA server (dist/apps/web-server) from the WEB_* variables docs/external-providers.md gives, a stand-in for
 * each provider on loopback (its discovery document, endpoint layout and tokens, see corporate-issuer.ts), and the
 * built API configured as the recipe says, which must accept the tokens the SPA obtained and grant what the roles
 * allow. Runs against the builds `npm start` made (the suite's web servers), not against E2E_BASE_URL.
 */
const WORKSPACE = join(__dirname, '../../..');
const ROLE_PERMISSIONS = JSON.stringify({
  'Timesheets.Employee': ['read:timesheets', 'create:timesheets', 'delete:timesheets', 'read:projects'],
  'Timesheets.Manager': [
    'read:timesheets',
    'create:timesheets',
    'delete:timesheets',
    'read:projects',
    'approve:timesheets',
  ],
});
const SCOPE = 'openid profile email offline_access read:timesheets create:timesheets approve:timesheets read:projects';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** A built app started as its dist package.json's start script starts it. */
async function startBuilt(app: 'api' | 'web-server', env: Record<string, string>, health: string) {
  const dist = join(WORKSPACE, 'dist/apps', app);
  const start = (JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts
    .start;
  const flags = start.trim().split(/\s+/).slice(1, -1);
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...flags, join(dist, 'main.js')], {
    env: { PATH: process.env['PATH'], NODE_ENV: 'development', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(health).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`${app} did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => output };
}

interface System {
  idp: CorporateIssuer;
  webUrl: string;
  apiUrl: string;
  stop(): Promise<void>;
}

/** Provider stand-in, API and SPA server, each configured as docs/external-providers.md says for `kind`. */
async function startSystem(kind: CorporateKind, webOverrides: Record<string, string> = {}): Promise<System> {
  const idp = await startCorporateIssuer(kind, { id: '', name: '', email: '', roles: [] });
  const dataDir = mkdtempSync(join(tmpdir(), `corporate-${kind}-`));
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const webUrl = `http://localhost:${webPort}/`;
  const apiUrl = `http://localhost:${apiPort}/api`;
  idp.redirectUri = webUrl;
  const started: ChildProcess[] = [];
  try {
    const api = await startBuilt(
      'api',
      {
        PORT: String(apiPort),
        DATABASE_URL: `sqlite:${join(dataDir, 'api.sqlite')}`,
        CORS_ORIGINS: `http://localhost:${webPort}`,
        AUTH_ISSUER: idp.issuer,
        AUTH_AUDIENCE: idp.apiAudience,
        AUTHZ_TRUST_TOKEN_SCOPES: 'true',
        AUTH_ROLE_PERMISSIONS: ROLE_PERMISSIONS,
        ...(kind === 'entra'
          ? { AUTH_TOKEN_TYPES: 'JWT', AUTH_SUBJECT_CLAIM: 'oid' }
          : { AUTH_TOKEN_TYPE_REQUIRED: 'false', AUTH_SUBJECT_CLAIM: 'uid' }),
      },
      `${apiUrl}/health`,
    );
    started.push(api.child);
    const web = await startBuilt(
      'web-server',
      {
        PORT: String(webPort),
        WEB_ROOT: join(WORKSPACE, 'dist/apps/web/browser'),
        WEB_ISSUER: idp.issuer,
        WEB_CLIENT_ID: idp.clientId,
        WEB_API_URL: apiUrl,
        WEB_SCOPE: SCOPE,
        WEB_SEND_AUDIENCE: 'false',
        WEB_ROLE_PERMISSIONS: ROLE_PERMISSIONS,
        ...(kind === 'entra'
          ? { WEB_SCOPE_PREFIX: idp.scopePrefix ?? '', WEB_STRICT_DISCOVERY_VALIDATION: 'false' }
          : {}),
        ...webOverrides,
      },
      `${webUrl}config.json`,
    );
    started.push(web.child);
  } catch (e) {
    for (const c of started) c.kill('SIGTERM');
    await idp.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    idp,
    webUrl,
    apiUrl,
    async stop() {
      await Promise.all(
        started.map((c) => {
          const exited = new Promise((resolve) => c.once('exit', resolve));
          c.kill('SIGTERM');
          return exited;
        }),
      );
      await idp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in from the landing page (the stand-in signs in `idp.user` without a login page). */
async function signIn(page: Page, system: System): Promise<void> {
  const apiAnswers: number[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(system.apiUrl)) apiAnswers.push(r.status());
  });
  await page.goto(system.webUrl);
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await expect(page.getByTestId('user-name')).toHaveText(system.idp.user.name);
  // The API accepted the token the SPA obtained: the first page's data came back.
  await expect(page.getByRole('heading', { name: 'My timesheets' })).toBeVisible();
  await expect.poll(() => apiAnswers.filter((s) => s === 200).length).toBeGreaterThan(0);
  expect(apiAnswers.filter((s) => s === 401 || s === 403)).toEqual([]);
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test.describe('Microsoft Entra ID', () => {
  let system: System;
  test.beforeAll(async () => {
    system = await startSystem('entra');
  });
  test.afterAll(async () => system?.stop());

  test("asks for the API's scopes under its App ID URI, without resource; the app roles decide", async ({ page }) => {
    const { idp } = system;
    idp.user = { id: userId('entra'), name: 'Bob Manager', email: 'bob@exampleco.com', roles: ['Timesheets.Manager'] };
    await signIn(page, system);

    const authorize = idp.authorizeRequests.at(-1);
    expect(authorize?.get('scope')).toBe(
      `openid profile email offline_access ${idp.scopePrefix}read:timesheets ${idp.scopePrefix}create:timesheets ` +
        `${idp.scopePrefix}approve:timesheets ${idp.scopePrefix}read:projects`,
    );
    expect(authorize?.get('response_type')).toBe('code');
    expect(authorize?.get('code_challenge_method')).toBe('S256');
    expect(authorize?.has('resource')).toBe(false);
    expect(authorize?.has('audience')).toBe(false);
    const token = idp.tokenRequests.at(-1);
    expect(token?.get('code_verifier')).toBeTruthy();
    expect(token?.has('resource')).toBe(false);

    await expect(nav(page).getByRole('link', { name: 'Approvals' })).toBeVisible();
    await nav(page).getByRole('link', { name: 'Approvals' }).click();
    await expect(page.getByRole('heading', { name: 'Approvals' })).toBeVisible();
  });

  test('an employee (app role Timesheets.Employee) is not offered approvals, though scp holds the scope', async ({
    page,
  }) => {
    const { idp } = system;
    idp.user = {
      id: userId('entra'),
      name: 'Alice Employee',
      email: 'alice@exampleco.com',
      roles: ['Timesheets.Employee'],
    };
    await signIn(page, system);
    await expect(nav(page).getByRole('link', { name: 'My timesheets' })).toBeVisible();
    await expect(nav(page).getByRole('link', { name: 'Approvals' })).toHaveCount(0);
  });
});

test.describe('Microsoft Entra ID with strict discovery validation', () => {
  let system: System;
  test.beforeAll(async () => {
    system = await startSystem('entra', { WEB_STRICT_DISCOVERY_VALIDATION: 'true' });
  });
  test.afterAll(async () => system?.stop());

  test("refuses Entra's discovery document (endpoints outside the issuer path) and says so", async ({ page }) => {
    await page.goto(system.webUrl);
    await expect(page.getByText('describes itself with endpoints this application does not trust')).toBeVisible();
    expect(system.idp.authorizeRequests).toEqual([]);
  });
});

test.describe('Okta', () => {
  let system: System;
  test.beforeAll(async () => {
    system = await startSystem('okta');
  });
  test.afterAll(async () => system?.stop());

  test('asks the custom authorization server for the scopes by name, without audience; the groups decide', async ({
    page,
  }) => {
    const { idp } = system;
    idp.user = { id: userId('okta'), name: 'Bob Manager', email: 'bob@exampleco.com', roles: ['Timesheets.Manager'] };
    await signIn(page, system);

    const authorize = idp.authorizeRequests.at(-1);
    expect(authorize?.get('scope')).toBe(SCOPE);
    expect(authorize?.has('resource')).toBe(false);
    expect(authorize?.has('audience')).toBe(false);
    expect(authorize?.get('code_challenge_method')).toBe('S256');
    await expect(nav(page).getByRole('link', { name: 'Approvals' })).toBeVisible();
  });

  test('a user without a Timesheets group gets nothing', async ({ page }) => {
    const { idp } = system;
    idp.user = { id: userId('okta'), name: 'Mallory Outsider', email: 'mallory@exampleco.com', roles: ['Everyone'] };
    await page.goto(system.webUrl);
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await expect(page.getByTestId('user-name')).toHaveText('Mallory Outsider');
    await expect(nav(page).getByRole('link', { name: 'My timesheets' })).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: 'Approvals' })).toHaveCount(0);
  });
});
