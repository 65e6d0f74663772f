import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, startTestIssuer, type TestDatabase, type TestIssuer } from '@timesheets/api-testing';

const DIST = join(__dirname, '../../../dist/apps/api');
const RECORDER = join(__dirname, '../../../tools/testing/record-package-loads.cjs');

/**
 * `npm install --omit=dev` in dist/apps/api installs what its package.json lists, nothing more: the built bundle must
 * load exactly those packages from node_modules (a package it loads but does not list is missing in production; one
 * it lists but never loads is installed for nothing). Here the bundle runs against the workspace's node_modules, where
 * everything is installed, and records what it loads while it starts and serves a request and the docs.
 */
describe('dist/apps/api/package.json', () => {
  let issuer: TestIssuer;
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'main.js'))) throw new Error(`${DIST}/main.js is missing: run "npx nx build api"`);
    issuer = await startTestIssuer();
    database = await createTestDatabase('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'api-dist-'));
  });
  afterAll(async () => {
    await issuer.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists exactly the packages the bundle loads at run time, and the supported Node versions (and logs to the end)', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const record = join(dir, 'loaded.txt');
    const child = spawn(process.execPath, ['--require', RECORDER, join(DIST, 'main.js')], {
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'test',
        PORT: String(port),
        AUTH_ISSUER: issuer.issuer,
        AUTH_AUDIENCE: issuer.audience,
        AUTH_JWKS_URI: issuer.jwksUri,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'error',
        ACCESS_LOG: 'true',
        RECORD_PACKAGE_LOADS: record,
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise((resolve) => child.once('close', resolve));
    try {
      const base = `http://127.0.0.1:${port}/api`;
      const deadline = Date.now() + 20_000;
      for (;;) {
        const ok = await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (child.exitCode !== null || Date.now() > deadline) throw new Error('the built API did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await fetch(`${base}/timesheets`)).status).toBe(401);
      expect((await fetch(`${base}/docs/`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }

    // The event log is written asynchronously in batches; what is buffered is written when SIGTERM closes the app.
    const access = stdout
      .split('\n')
      .filter((line) => line.includes('"type":"access"'))
      .map((line) => JSON.parse(line) as { route: string; status: number });
    expect(access.map((a) => `${a.status} ${a.route}`)).toEqual(
      expect.arrayContaining(['401 /api/timesheets', '200 /api/docs/']),
    );

    const loaded = readFileSync(record, 'utf8').split('\n').filter(Boolean).sort();
    const pkg = JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      engines: { node: string };
    };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(loaded);
    expect(loaded).toEqual(['better-sqlite3', 'swagger-ui-dist']);
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.13.0 || ^24.11.0');
    const root = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as typeof pkg;
    expect(pkg.engines).toEqual(root.engines);
  });
});
