// What is measured and how it is built: the shipped API bundle (or a commit's, or a given file), copied so that a
// rebuild during the run cannot change it; the provider and the SPA; the SPA's initial bundle sizes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { shippedNodeFlags } from '../start-command.mjs';
import { HERE, log, notes, ONLY, ROOT } from './settings.mjs';

const env = process.env;
const SPA_SOURCE_LOCALE = 'en';

/**
 * The API under test: built by `npx nx build api` (or BENCH_API_MAIN, or BENCH_API_REF's commit), then copied into
 * the workspace (so that its packages resolve from node_modules). Returns `{ main, flags }`: the copy and the node
 * flags its start script uses.
 */
export function buildApi() {
  let source = env.BENCH_API_MAIN ? resolve(env.BENCH_API_MAIN) : join(ROOT, 'dist/apps/api/main.js');
  if (env.BENCH_API_REF) {
    // Measure a commit rather than the working tree: export it, link node_modules, build it there.
    const dir = join(tmpdir(), `timesheets-bench-ref`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`building the API at ${env.BENCH_API_REF} in ${dir}`);
    const a = spawnSync(
      'sh',
      ['-c', `git archive ${JSON.stringify(env.BENCH_API_REF)} | tar -x -C ${JSON.stringify(dir)}`],
      { cwd: ROOT, stdio: 'inherit' },
    );
    if (a.status !== 0) throw new Error(`git archive ${env.BENCH_API_REF} failed`);
    spawnSync('ln', ['-s', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
    const r = spawnSync('npx', ['nx', 'build', 'api', '--outputStyle=static'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    if (r.status !== 0) throw new Error(`npx nx build api failed at ${env.BENCH_API_REF}`);
    source = join(dir, 'dist/apps/api/main.js');
    const rev = spawnSync('git', ['rev-parse', '--short', env.BENCH_API_REF], {
      cwd: ROOT,
      encoding: 'utf8',
    }).stdout.trim();
    notes.push(`ours: built from commit ${rev} (BENCH_API_REF=${env.BENCH_API_REF}), not the working tree`);
  } else if (!env.BENCH_API_MAIN && env.BENCH_SKIP_BUILD !== '1') {
    log('building the API (npx nx build api)');
    const r = spawnSync('npx', ['nx', 'build', 'api', '--outputStyle=static'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) {
      if (!existsSync(source)) throw new Error('npx nx build api failed');
      notes.push('npx nx build api failed: measured the existing dist/apps/api/main.js');
    }
  }
  if (!existsSync(source)) throw new Error(`no API build at ${source}`);
  const flags = shippedNodeFlags(dirname(source));
  const dir = join(HERE, '.cache', 'api');
  mkdirSync(dir, { recursive: true });
  const main = join(dir, 'main.js');
  copyFileSync(source, main);
  if (env.BENCH_API_MAIN) notes.push(`ours: API build taken from ${source}`);
  return { main, flags };
}

/**
 * The provider and the SPA as the working tree builds them (Nx caches, so this is quick when nothing changed); on a
 * clean clone this is what makes their figures appear at all. BENCH_SKIP_BUILD=1 measures what dist/ holds.
 */
export function buildProviderAndSpa() {
  if (env.BENCH_SKIP_BUILD === '1' || ONLY) return;
  log('building the provider and the SPA (npx nx run-many -t build -p idp,web)');
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'idp,web', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  if (r.status !== 0)
    notes.push('npx nx run-many -t build -p idp,web failed: provider and SPA figures are from dist/ as it was');
}

/**
 * The SPA's initial bundle in its source language (the build writes one tree per locale, `browser/en/`, `browser/de/`):
 * scripts, module preloads and stylesheets of its index.html, raw, gzip -9 and brotli.
 */
export function spaBundle() {
  const dir = join(ROOT, 'dist/apps/web/browser', SPA_SOURCE_LOCALE);
  if (!existsSync(join(dir, 'index.html'))) {
    const r = spawnSync('npx', ['nx', 'build', 'web', '--outputStyle=static'], {
      cwd: ROOT,
      stdio: 'ignore',
      timeout: 300_000,
    });
    if (r.status !== 0 || !existsSync(join(dir, 'index.html'))) return { note: `n/a: no web build at ${dir}` };
  }
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*\brel="(?:modulepreload|stylesheet)"[^>]*\bhref="([^"]+)"/g))
    files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*\bhref="([^"]+)"[^>]*\brel="(?:modulepreload|stylesheet)"/g))
    files.add(m[1]);
  let raw = 0;
  let gz = 0;
  let br = 0;
  const list = [];
  for (const f of [...files].filter((x) => !/^https?:/.test(x))) {
    const path = join(dir, f.replace(/^\//, ''));
    if (!existsSync(path)) continue;
    const buf = readFileSync(path);
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
    br += brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length;
    list.push(f);
  }
  const builtAt = statSync(join(dir, 'index.html')).mtime.toISOString();
  return { rawKb: raw / 1000, gzipKb: gz / 1000, brotliKb: br / 1000, files: list, builtAt };
}
