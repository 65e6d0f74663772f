import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WORKSPACE = join(__dirname, '../../..');
const DIST = join(WORKSPACE, 'dist/apps/web-server');
const RECORDER = join(WORKSPACE, 'tools/testing/record-package-loads.cjs');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/**
 * The deployable unit: dist/apps/web-server/main.js started as `npm start` starts it, on a small SPA build. It serves,
 * survives a request that used to kill tools/serve-web.mjs, loads no package from node_modules (its package.json lists
 * none) and refuses a bad configuration at start naming the variable.
 */
describe('dist/apps/web-server', () => {
  let dir: string;
  let root: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-server-dist-'));
    root = join(dir, 'browser');
    mkdirSync(root);
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><body><app-root></app-root></body></html>\n');
    writeFileSync(join(root, 'main-ABCD2345.js'), 'console.log("timesheets");\n'.repeat(100));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the SPA, survives GET /%E0%A4%A, and loads nothing its package.json does not list', async () => {
    const port = await freePort();
    const record = join(dir, 'loaded.txt');
    writeFileSync(record, '');
    const child = spawn(process.execPath, ['--require', RECORDER, join(DIST, 'main.js')], {
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        PORT: String(port),
        WEB_ROOT: root,
        WEB_ISSUER: 'https://id.exampleco.test',
        WEB_API_URL: 'https://api.exampleco.test/api',
        LOG_LEVEL: 'error',
        RECORD_PACKAGE_LOADS: record,
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 15_000;
      while (
        !(await fetch(`${base}/config.json`).then(
          (r) => r.ok,
          () => false,
        ))
      ) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error('the built web server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      const page = await fetch(`${base}/timesheets`);
      expect(page.status).toBe(200);
      const nonce = /'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce).toBeDefined();
      expect(await page.text()).toContain(`<app-root ngCspNonce="${nonce}">`);
      expect(((await (await fetch(`${base}/config.json`)).json()) as { issuer: string }).issuer).toBe(
        'https://id.exampleco.test',
      );
      // fetch() would refuse the malformed URL itself: a raw request line.
      const malformed = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.end('GET /%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
        );
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
      expect((await fetch(`${base}/main-ABCD2345.js`)).status).toBe(200);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);

    const loaded = readFileSync(record, 'utf8').split('\n').filter(Boolean);
    const pkg = JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      engines: { node: string };
      scripts: { start: string };
    };
    expect(loaded).toEqual([]);
    expect(pkg.dependencies).toEqual({});
    expect(pkg.scripts.start).toBe('node main.js');
    const rootPkg = JSON.parse(readFileSync(join(WORKSPACE, 'package.json'), 'utf8')) as typeof pkg;
    expect(pkg.engines).toEqual(rootPkg.engines);
  });

  it('stops at start on a bad variable, naming it', () => {
    const run = spawnSync(process.execPath, [join(DIST, 'main.js')], {
      env: { PATH: process.env['PATH'], NODE_ENV: 'production', WEB_ROOT: join(dir, 'missing'), WEB_FLOW: 'hybrid' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('web: Invalid configuration');
    expect(run.stderr).toContain('WEB_ROOT must be a folder holding');
    expect(run.stderr).toContain('WEB_ISSUER is required');
    expect(run.stderr).toContain('WEB_FLOW must be one of code, implicit');
  });

  it('stops at start on a Microsoft Entra ID configuration every sign-in would fail with, naming the variables', () => {
    const run = spawnSync(process.execPath, [join(DIST, 'main.js')], {
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        WEB_ROOT: root,
        WEB_ISSUER: 'https://login.microsoftonline.com/b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d/v2.0',
        WEB_API_URL: 'https://api.exampleco.test/api',
      },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('WEB_SEND_AUDIENCE must be false with Microsoft Entra ID');
    expect(run.stderr).toContain('WEB_SCOPE_PREFIX is required with Microsoft Entra ID');
    expect(run.stderr).toContain('WEB_STRICT_DISCOVERY_VALIDATION must be false with Microsoft Entra ID');
  });
});
