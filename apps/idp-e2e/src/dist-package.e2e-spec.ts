import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIST = join(__dirname, '../../../dist/apps/idp');
const RECORDER = join(__dirname, '../../../tools/testing/record-package-loads.cjs');

/**
 * `npm install --omit=dev` in dist/apps/idp installs what its package.json lists. The build keeps every package in
 * node_modules, so main.js requires each one it uses; a few more are loaded by name where no bundler sees it (see
 * apps/idp/webpack.config.js). Running main.js with a bad configuration loads every module and exits at once.
 */
describe('dist/apps/idp/package.json', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(DIST, 'main.js'))) throw new Error(`${DIST}/main.js is missing: run "npx nx build idp"`);
    dir = mkdtempSync(join(tmpdir(), 'idp-dist-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every package main.js requires, the ones loaded by name, and nothing else', () => {
    const record = join(dir, 'loaded.txt');
    const result = spawnSync(process.execPath, ['--require', RECORDER, join(DIST, 'main.js')], {
      env: { PATH: process.env['PATH'], NODE_ENV: 'production', RECORD_PACKAGE_LOADS: record },
      encoding: 'utf8',
    });
    expect(result.stderr).toContain('COOKIE_KEYS is required in production');

    const required = readFileSync(record, 'utf8').split('\n').filter(Boolean).sort();
    const pkg = JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      engines: { node: string };
    };
    const listed = Object.keys(pkg.dependencies).sort();
    expect(required.filter((name) => !listed.includes(name))).toEqual([]);
    expect(listed.filter((name) => !required.includes(name))).toEqual(['@nestjs/platform-express', 'oidc-provider']);
    const root = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as typeof pkg;
    expect(pkg.engines).toEqual(root.engines);
  });
});
