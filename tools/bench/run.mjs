#!/usr/bin/env node
// `npm run bench`: the Timesheets API ("ours") against the bare limit and the usual Express stack ("peer"), in one run.
// See tools/bench/README.md. Env: BENCH_QUICK=1 (1 round, 2 s runs), BENCH_ROUNDS, BENCH_DURATION (s),
// BENCH_PROFILE=1 (CPU profile of "ours" under load), BENCH_SKIP_BUILD=1, BENCH_NO_SAVE=1.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import autocannon from 'autocannon';
import { startIssuer } from './issuer.mjs';
import { fillDb, openDb, PROJECTS, subject, SUBJECTS } from './db.mjs';
import { domainBench } from './domain.mjs';
import { reportsBench } from './reports.mjs';
import { importBench } from './import.mjs';
import { providerGrantRate } from './provider.mjs';
import { accessLogCost } from './access-log.mjs';
import { fixedRate } from './fixed-rate.mjs';
import { cpuMicros, rssMb, stealMs } from './proc.mjs';
import { shippedNodeFlags } from '../start-command.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const ROUNDS = Number(env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const DURATION = Number(env.BENCH_DURATION ?? (QUICK ? 2 : 5));
const WARMUP = QUICK ? 0.5 : 1;
const REJECT_DURATION = Math.max(1, Math.round(DURATION * 0.6));
const CONNECTIONS = 32;
const SPREAD = 1.3;
// BENCH_PROFILE=<scenario> (list1000, list1, post, mix, badSig, ...): CPU-profile "ours" under that load instead.
const PROFILE = env.BENCH_PROFILE;
const SIZES = [
  ['1k', 1_000],
  ['100k', 100_000],
  ['1M', 1_000_000],
];
const ARMS = ['limit', 'peer', 'ours'];
const POLICY_KEY = 'bench-policy-key-0123456789';
const RATE_LIMIT_MAX = 10_000_000;
const FULL_SCOPE = 'read:timesheets create:timesheets delete:timesheets';
const LIST_PATH = '/api/timesheets?limit=50';
const log = (...a) => console.error('[bench]', ...a);

// The load generator runs on core 0 and every server on core 1.
const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
const pinning = hasTaskset && cpus().length >= 2;
// BENCH_NICE=-10 (as root) runs the load generator and the servers ahead of other work on a shared machine.
const NICE = env.BENCH_NICE ? ['nice', '-n', String(Number(env.BENCH_NICE))] : [];
if (NICE.length && env.BENCH_PINNED !== '1') {
  // With scheduler autogroups, nice only ranks processes within a session; the session's group gets the same value.
  try {
    if (readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1')
      writeFileSync('/proc/self/autogroup', String(Number(env.BENCH_NICE)));
  } catch {
    // not Linux, or not allowed: per-process nice only
  }
}
if (pinning && env.BENCH_PINNED !== '1') {
  const cmd = [...NICE, 'taskset', '-c', '0', process.execPath, ...process.argv.slice(1)];
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...env, BENCH_PINNED: '1' } });
  process.exit(r.status ?? 1);
}

const notes = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise((r) => s.close(r));
  return port;
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

let workDir;
let issuer;
const children = new Set();

function spawnArm(arm, db, { trustScopes = false, profile = false, accessLog = false } = {}) {
  return (async () => {
    const port = await freePort();
    const script = arm === 'ours' ? API_MAIN : join(HERE, 'arms', `${arm}.mjs`);
    const nodeArgs = profile
      ? ['--cpu-prof', `--cpu-prof-dir=${join(HERE, 'results', 'profiles')}`, '-r', join(HERE, 'exit-on-signal.cjs')]
      : [];
    // BENCH_OURS_NODE_ARGS (experiments only, e.g. "--max-semi-space-size=4") adds node flags to "ours".
    // "ours" starts as shipped (the node flags of its start script); BENCH_OURS_NODE_ARGS replaces them.
    const flags =
      env.BENCH_OURS_NODE_ARGS !== undefined ? env.BENCH_OURS_NODE_ARGS.split(' ').filter(Boolean) : OURS_FLAGS;
    const args = [...nodeArgs, ...(arm === 'ours' ? flags : []), script];
    const childEnv = {
      PATH: env.PATH,
      HOME: env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      AUTH_JWKS_URI: issuer.jwksUri,
      DATABASE_URL: `sqlite:${db}`,
      AUTHZ_POLICY_KEY: POLICY_KEY,
      // The per-address rate limit (1,200/min by default) would answer 429 to a load generator that is one address
      // for 1,000 users; raised, not disabled, so its per-request work is still measured.
      RATE_LIMIT_MAX: String(RATE_LIMIT_MAX),
      BENCH_DB: db,
      ...(trustScopes ? { AUTHZ_TRUST_TOKEN_SCOPES: 'true' } : {}),
      ...(accessLog ? { ACCESS_LOG: 'true' } : {}),
    };
    const out = openSync(join(workDir, `${arm}.log`), 'a');
    const started = process.hrtime.bigint();
    const cmd = [...NICE, ...(pinning ? ['taskset', '-c', '1'] : []), process.execPath, ...args];
    const child = spawn(cmd[0], cmd.slice(1), { cwd: ROOT, env: childEnv, stdio: ['ignore', out, out] });
    const proc = { arm, port, child, pid: child.pid, started, exited: false, maxRss: 0 };
    child.on('exit', () => (proc.exited = true));
    children.add(proc);
    return proc;
  })();
}

async function waitReady(proc, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (proc.exited) throw new Error(`${proc.arm} exited during start; see ${join(workDir, proc.arm + '.log')}`);
    const r = await call(proc.port, 'GET', '/api/health').catch(() => null);
    if (r && r.status === 200) return;
    await sleep(20);
  }
  throw new Error(`${proc.arm} did not become ready`);
}

async function stop(proc) {
  if (proc.exited) return children.delete(proc);
  const done = new Promise((r) => proc.child.once('exit', r));
  proc.child.kill('SIGTERM');
  const t = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
  await done;
  clearTimeout(t);
  children.delete(proc);
}

process.on('exit', () => {
  for (const p of children) if (!p.exited) p.child.kill('SIGKILL');
});
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
function call(port, method, path, { token, body, headers = {} } = {}) {
  return new Promise((resolveCall, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolveCall({ status: res.statusCode, json, text });
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    if (payload) req.write(payload);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Build and data

/** The API under test: built by `npx nx build api` (or BENCH_API_MAIN), then copied so that a rebuild during the run
 * cannot change it. The copy stays inside the workspace so that its packages resolve from node_modules. */
let API_MAIN;
let OURS_FLAGS = [];
function buildApi() {
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
  OURS_FLAGS = shippedNodeFlags(dirname(source));
  const dir = join(HERE, '.cache', 'api');
  mkdirSync(dir, { recursive: true });
  API_MAIN = join(dir, 'main.js');
  copyFileSync(source, API_MAIN);
  if (env.BENCH_API_MAIN) notes.push(`ours: API build taken from ${source}`);
}

/**
 * The provider and the SPA as the working tree builds them (Nx caches, so this is quick when nothing changed); on a
 * clean clone this is what makes their figures appear at all. BENCH_SKIP_BUILD=1 measures what dist/ holds.
 */
function buildProviderAndSpa() {
  if (env.BENCH_SKIP_BUILD === '1' || env.BENCH_SCENARIOS) return;
  log('building the provider and the SPA (npx nx run-many -t build -p idp,web)');
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'idp,web', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  if (r.status !== 0)
    notes.push('npx nx run-many -t build -p idp,web failed: provider and SPA figures are from dist/ as it was');
}

/** Pristine database files, cached by the migrations and this generator; each run works on copies. */
async function prepareDatabases() {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(HERE, 'db.mjs')));
  // The schema is the API's migrations: keyed by their names (class name + timestamp) in the build.
  const migrations = [...new Set(readFileSync(API_MAIN, 'utf8').match(/\b[A-Z][A-Za-z]+1\d{12}\b/g) ?? [])].sort();
  hash.update(migrations.join(','));
  const cache = join(tmpdir(), 'timesheets-bench-cache', hash.digest('hex').slice(0, 16));
  mkdirSync(cache, { recursive: true });
  const template = join(cache, 'schema.sqlite');
  if (!existsSync(template)) {
    log('creating the schema: starting the API once against an empty file (its migrations run at start)');
    const tmp = join(cache, 'schema.tmp.sqlite');
    rmSync(tmp, { force: true });
    const p = await spawnArm('ours', tmp);
    await waitReady(p);
    await stop(p);
    const db = openDb(tmp);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    copyFileSync(tmp, template);
    for (const s of ['', '-wal', '-shm']) rmSync(tmp + s, { force: true });
  }
  const files = {};
  for (const [label, rows] of SIZES) {
    const file = join(cache, `${label}.sqlite`);
    if (!existsSync(file)) {
      const t = Date.now();
      const tmp = file + '.tmp';
      copyFileSync(template, tmp);
      const info = fillDb(tmp, rows);
      for (const s of ['-wal', '-shm']) rmSync(tmp + s, { force: true });
      copyFileSync(tmp, file);
      rmSync(tmp, { force: true });
      log(`${label}: ${rows} rows over ${info.owners} owners in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    files[label] = file;
  }
  const authz = (() => {
    const db = openDb(template, { readonly: true });
    try {
      return Boolean(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'authz_roles'`).get());
    } finally {
      db.close();
    }
  })();
  return { files, authz, cache };
}

function copyDb(src, name) {
  const dst = join(workDir, name);
  copyFileSync(src, dst);
  return dst;
}

/** Claims the pre-provisioned bench users through the policy endpoint, as the provider does at token issuance. */
async function provision(db) {
  const p = await spawnArm('ours', db);
  await waitReady(p);
  try {
    let next = 0;
    let failed = null;
    const worker = async () => {
      while (next < SUBJECTS && !failed) {
        const i = next++;
        const r = await call(p.port, 'POST', '/api/authz/policy', {
          headers: { 'x-api-key': POLICY_KEY },
          body: {
            subject: subject(i),
            issuer: issuer.issuer,
            email: `${subject(i)}@bench.test`,
            // The bench plays a provider that verified its users' addresses: only then does a sign-in claim the user
            // provisioned by that email (and its role).
            emailVerified: true,
            name: `Bench ${subject(i)}`,
          },
        });
        const perms = r.json?.permissions ?? [];
        if (r.status !== 200 || !perms.includes('read:timesheets')) failed = `${r.status} ${r.text.slice(0, 200)}`;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return failed;
  } finally {
    await stop(p);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Load

function rotating(tokens) {
  let i = 0;
  return (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[i++ % tokens.length]}` } });
}

/**
 * A booking per request, subject by subject, each on a day of its own (counting back from the day before the fill's
 * first date, over the whole run), so that no person's day reaches 24 hours and every POST is a 201.
 */
let bookings = 0;
function bookingRotation(tokens) {
  return (req) => {
    const n = bookings++;
    const date = new Date(Date.UTC(2022, 11, 31) - Math.floor(n / tokens.length) * 86_400_000).toISOString();
    return {
      ...req,
      headers: { ...req.headers, authorization: `Bearer ${tokens[n % tokens.length]}` },
      body: JSON.stringify({ date: date.slice(0, 10), projectId: PROJECTS[0].id, hours: 7.5, notes: 'load test' }),
    };
  };
}

function scenarioRequests(name, t) {
  const get = (token) => ({
    method: 'GET',
    path: LIST_PATH,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const post = {
    method: 'POST',
    path: '/api/timesheets',
    headers: { 'content-type': 'application/json' },
  };
  switch (name) {
    case 'list1000':
    case 'fixed':
      return { requests: [{ ...get(), setupRequest: rotating(t.valid) }], expect: [200] };
    case 'list1':
      return { requests: [get(t.valid[0])], expect: [200] };
    case 'post':
      return { requests: [{ ...post, setupRequest: bookingRotation(t.valid) }], expect: [201] };
    case 'mix': {
      const rot = rotating(t.valid);
      return {
        requests: [
          ...Array.from({ length: 9 }, () => ({ ...get(), setupRequest: rot })),
          { ...post, setupRequest: bookingRotation(t.valid) },
        ],
        expect: [200, 201],
      };
    }
    case 'noToken':
      return { requests: [get()], expect: [401] };
    case 'badSig':
      return { requests: [get(t.badSig)], expect: [401] };
    case 'expired':
      return { requests: [get(t.expired)], expect: [401] };
    case 'noScope':
      return { requests: [get(t.noScope)], expect: [403] };
  }
  throw new Error(name);
}

async function load(
  proc,
  name,
  tokens,
  { duration = DURATION, rate, connections = CONNECTIONS, warmup = WARMUP } = {},
) {
  const { requests, expect } = scenarioRequests(name, tokens);
  const base = { url: `http://127.0.0.1:${proc.port}`, connections, requests, pipelining: 1, timeout: 10 };
  if (rate) base.overallRate = rate;
  // Warm-up: the JIT, and every token of a rotation once (so that the run measures the steady state of the rotation).
  if (requests.some((r) => r.setupRequest)) await autocannon({ ...base, amount: 2 * SUBJECTS });
  if (warmup > 0) await autocannon({ ...base, duration: warmup });
  const sampler = setInterval(() => {
    const r = rssMb(proc.pid);
    if (r > proc.maxRss) proc.maxRss = r;
  }, 200);
  const cpu0 = cpuMicros(proc.pid);
  const res = await autocannon({ ...base, duration });
  const cpu = cpuMicros(proc.pid) - cpu0;
  clearInterval(sampler);
  const codes = Object.fromEntries(Object.entries(res.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const ok = expect.reduce((n, c) => n + (codes[c] ?? 0), 0);
  const all = Object.values(codes).reduce((a, b) => a + b, 0);
  const unexpected = all - ok + res.errors + res.timeouts;
  return {
    rps: ok / res.duration,
    // The server's CPU per answered request: robust to a busy machine, where req/s is not.
    cpuUs: all > 0 ? cpu / all : NaN,
    p50: res.latency.p50,
    p99: res.latency.p99,
    codes,
    unexpected,
  };
}

/** The list at a fixed rate, open loop (fixed-rate.mjs), 1,000 tokens in rotation. */
async function fixedLoad(proc, tokens, rate, duration = DURATION) {
  const requests = tokens.valid.map(
    (t) => `GET ${LIST_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t}\r\n\r\n`,
  );
  const cpu0 = cpuMicros(proc.pid);
  const steal0 = stealMs(1);
  const r = await fixedRate({
    port: proc.port,
    rate,
    duration,
    expect: [200],
    request: (k) => requests[k % requests.length],
  });
  const cpu = cpuMicros(proc.pid) - cpu0;
  return { ...r, rps: r.answered / duration, cpuUs: cpu / Math.max(1, r.answered), stealMs: stealMs(1) - steal0 };
}

/** Latency of one request at a time (microsecond resolution), at a steady pace: for the 1k/100k/1M comparison. */
async function paceLatency(port, token, { count, perSecond }) {
  const lat = [];
  const gap = 1000 / perSecond;
  for (let i = 0; i < count + 50; i++) {
    const t0 = process.hrtime.bigint();
    const r = await call(port, 'GET', LIST_PATH, { token });
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    if (r.status !== 200 || r.json.items.length !== 50) throw new Error(`page request answered ${r.status}`);
    if (i >= 50) lat.push(us);
    const wait = gap - us / 1000;
    if (wait > 0) await sleep(wait);
  }
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] / 1000;
  return { p50: q(0.5), p99: q(0.99), n: lat.length };
}

// ---------------------------------------------------------------------------------------------------------------
// SPA bundle and provider

function spaBundle() {
  const dir = join(ROOT, 'dist/apps/web/browser');
  if (!existsSync(join(dir, 'index.html'))) {
    const r = spawnSync('npx', ['nx', 'build', 'web', '--outputStyle=static'], {
      cwd: ROOT,
      stdio: 'ignore',
      timeout: 300_000,
    });
    if (r.status !== 0 || !existsSync(join(dir, 'index.html'))) return { note: 'n/a: web build not available' };
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

async function profileOurs(scenario, db, opts, tokens, oursConfig) {
  const dir = join(HERE, 'results', 'profiles');
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const p = await spawnArm('ours', db, { ...opts, profile: true });
  await waitReady(p);
  const seconds = Number(env.BENCH_DURATION ?? 10);
  const r = await load(p, scenario, tokens, { duration: seconds });
  const status = readFileSync(`/proc/${p.pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
  log(`${scenario}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms, codes ${JSON.stringify(r.codes)} (${oursConfig})`);
  log(
    `RSS max under load ${p.maxRss.toFixed(0)} MB; now VmRSS ${kb('VmRSS').toFixed(0)} MB (anon ${kb('RssAnon').toFixed(0)}, file ${kb('RssFile').toFixed(0)}), VmHWM ${kb('VmHWM').toFixed(0)} MB`,
  );
  const done = new Promise((res) => p.child.once('exit', res));
  p.child.kill('SIGUSR2');
  await done;
  children.delete(p);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (!file) throw new Error('no profile written');
  const { summarise } = await import('./profile-summary.mjs');
  const text = `${scenario}: ${r.rps.toFixed(0)} req/s under profiling\n` + summarise(join(dir, file), 30);
  writeFileSync(join(dir, `${scenario}.txt`), text + '\n');
  console.log(text);
  await issuer.close();
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main() {
  const t0 = Date.now();
  workDir = mkdtempSync(join(tmpdir(), 'timesheets-bench-'));
  log(
    `work dir ${workDir}; ${ROUNDS} round(s) of ${DURATION} s runs; pinning: ${pinning ? 'load on core 0, servers on core 1' : 'none'}`,
  );
  if (!pinning) notes.push('taskset or a second core unavailable: load generator and servers share cores');
  buildApi();
  buildProviderAndSpa();
  issuer = await startIssuer();
  const now = Math.floor(Date.now() / 1000);
  const tokens = {
    valid: Array.from({ length: SUBJECTS }, (_, i) => issuer.mint(subject(i), FULL_SCOPE)),
    badSig: issuer.mint(subject(0), FULL_SCOPE, { key: issuer.otherKey }),
    expired: issuer.mint(subject(0), FULL_SCOPE, { iat: now - 7200, exp: now - 3600 }),
    noScope: issuer.mint(subject(0), 'create:timesheets'),
  };

  let prepared;
  try {
    prepared = await prepareDatabases();
  } catch (err) {
    // A working tree mid-change may not start; the committed API is then what is shipped.
    if (env.BENCH_API_REF || env.BENCH_API_MAIN) throw err;
    notes.push(`the working-tree API did not start (${String(err.message).slice(0, 120)}); measured HEAD instead`);
    log('the working-tree API did not start; building HEAD instead');
    env.BENCH_API_REF = 'HEAD';
    buildApi();
    prepared = await prepareDatabases();
  }
  const { files, authz } = prepared;
  const dbs = {
    limit: copyDb(files['100k'], 'limit-100k.sqlite'),
    peer: copyDb(files['100k'], 'peer-100k.sqlite'),
    ours: copyDb(files['100k'], 'ours-100k.sqlite'),
    ours1k: copyDb(files['1k'], 'ours-1k.sqlite'),
    ours1M: copyDb(files['1M'], 'ours-1M.sqlite'),
  };
  let trustScopes = false;
  let oursConfig = 'as shipped (default configuration)';
  if (authz) {
    log('provisioning 1,000 users through POST /api/authz/policy');
    const failures = [];
    for (const k of ['ours', 'ours1k', 'ours1M']) {
      const f = await provision(dbs[k]);
      if (f) failures.push(`${k}: ${f}`);
    }
    if (failures.length > 0) {
      trustScopes = true;
      oursConfig = 'AUTHZ_TRUST_TOKEN_SCOPES=true (policy endpoint provisioning failed)';
      notes.push(
        `provisioning through the policy endpoint failed (${failures[0]}); ours ran with AUTHZ_TRUST_TOKEN_SCOPES=true`,
      );
    } else
      oursConfig =
        'as shipped: default configuration, token scopes ∩ DB permissions (users provisioned via POST /api/authz/policy)';
  }
  const oursOpts = { trustScopes };
  if (PROFILE === 'provider') {
    const dir = join(HERE, 'results', 'profiles');
    mkdirSync(dir, { recursive: true });
    const before = new Set(readdirSync(dir));
    const r = await providerGrantRate({
      root: ROOT,
      workDir,
      duration: DURATION,
      pin: pinning,
      nice: NICE,
      freePort,
      log,
      profileDir: dir,
    });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
    const { summarise } = await import('./profile-summary.mjs');
    const text =
      `provider: ${JSON.stringify(r)}\n` + (file ? summarise(join(dir, file), 30, DURATION) : 'no profile written');
    writeFileSync(join(dir, 'provider.txt'), text + '\n');
    console.log(text);
    return issuer.close();
  }
  if (PROFILE) return profileOurs(PROFILE, dbs.ours, oursOpts, tokens, oursConfig);

  // Cold start: spawn to the first authenticated 200 (the JWKS fetch happens on that first request).
  log('cold start');
  const cold = [];
  const coldRuns = env.BENCH_SCENARIOS ? 0 : QUICK ? 1 : 3;
  for (let i = 0; i < coldRuns; i++) {
    const p = await spawnArm('ours', dbs.ours, oursOpts);
    for (;;) {
      if (p.exited) throw new Error('ours exited during cold start');
      const r = await call(p.port, 'GET', LIST_PATH, { token: tokens.valid[1] }).catch(() => null);
      if (r && r.status === 200) break;
      if (r && r.status !== 200 && r.status !== 503) throw new Error(`cold start: ${r.status} ${r.text.slice(0, 300)}`);
      await sleep(5);
    }
    cold.push(Number(process.hrtime.bigint() - p.started) / 1e6);
    await stop(p);
  }

  // Rounds: every arm fresh each round; each scenario runs A B C in turn.
  // BENCH_SCENARIOS=list1000,post (development): only those loads, a short summary, nothing saved.
  const only = env.BENCH_SCENARIOS ? env.BENCH_SCENARIOS.split(',') : null;
  const scenarios = ['list1000', 'list1', 'post', 'mix', 'noToken', 'badSig', 'expired', 'noScope', 'fixed'].filter(
    (x) => !only || only.includes(x),
  );
  const rejection = new Set(['noToken', 'badSig', 'expired', 'noScope']);
  const runs = {}; // runs[scenario][arm] = [result per round]
  const idleRss = [];
  let oursLoadRss = 0;
  let shapeChecked = false;
  for (let round = 1; round <= ROUNDS; round++) {
    log(`round ${round}/${ROUNDS}`);
    const procs = {};
    for (const arm of ARMS) {
      procs[arm] = await spawnArm(arm, dbs[arm], arm === 'ours' ? oursOpts : {});
    }
    for (const arm of ARMS) await waitReady(procs[arm]);
    const pages = {};
    for (const arm of ARMS) {
      const r = await call(procs[arm].port, 'GET', LIST_PATH, { token: tokens.valid[0] });
      if (r.status !== 200 || r.json.items.length !== 50 || !r.json.nextCursor)
        throw new Error(`${arm}: list answered ${r.status} ${r.text.slice(0, 300)}`);
      pages[arm] = r.json;
    }
    if (!shapeChecked) {
      const keys = (a) => Object.keys(pages[a].items[0]).join(',');
      for (const arm of ARMS) if (keys(arm) !== keys('ours')) notes.push(`${arm}: item shape differs from ours`);
      for (const arm of ARMS)
        if (JSON.stringify(pages[arm].items.map((x) => x.id)) !== JSON.stringify(pages.ours.items.map((x) => x.id)))
          notes.push(`${arm}: page content differs from ours`);
      shapeChecked = true;
    }
    await sleep(300);
    idleRss.push(rssMb(procs.ours.pid));
    for (const s of scenarios) {
      for (const arm of ARMS) {
        if (rejection.has(s) && arm === 'limit') continue;
        let opts = rejection.has(s) ? { duration: REJECT_DURATION } : {};
        if (s === 'fixed') {
          const max = runs.list1000[arm][round - 1].rps;
          opts = { rate: Math.max(1, Math.round(max / 2)) };
        }
        const r =
          s === 'fixed' ? await fixedLoad(procs[arm], tokens, opts.rate) : await load(procs[arm], s, tokens, opts);
        ((runs[s] ??= {})[arm] ??= []).push(r);
        log(
          `  ${s.padEnd(8)} ${arm.padEnd(5)} ${r.rps.toFixed(0).padStart(6)} req/s  ${r.cpuUs.toFixed(0).padStart(5)} us CPU/req  p99 ${r.p99} ms` +
            (r.unexpected ? `  (${r.unexpected} unexpected: ${JSON.stringify(r.codes)})` : ''),
        );
      }
    }
    oursLoadRss = Math.max(oursLoadRss, procs.ours.maxRss);
    for (const arm of ARMS) await stop(procs[arm]);
  }

  async function measureAccessLog() {
    log('access log off / on (list, 1,000 tokens)');
    return accessLogCost({
      spawnOurs: ({ accessLog: on }) => spawnArm('ours', dbs.ours, { ...oursOpts, accessLog: on }),
      waitReady,
      load: (proc, scenario) => load(proc, scenario, tokens),
      stop,
      rounds: ROUNDS,
      log,
    });
  }

  // The approvals queue and the week save (domain.mjs).
  const domain =
    !only || only.includes('queue') || only.includes('week')
      ? await domainBench({
          spawnArm,
          waitReady,
          stop,
          call,
          sleep,
          issuer,
          oursOpts,
          quick: QUICK,
          log,
          db1M: dbs.ours1M,
          db100k: dbs.ours,
        })
      : { lines: [], targets: [] };
  // A machine client's upload of 1,000 rows (import.mjs).
  const imported =
    !only || only.includes('import')
      ? await importBench({ spawnArm, waitReady, stop, call, issuer, oursOpts, quick: QUICK, log, db100k: dbs.ours })
      : { lines: [], targets: [] };
  domain.lines.push(...imported.lines);
  domain.targets.push(...imported.targets);

  // Reports: the hours report and the 1M-row exports (reports.mjs).
  const reports =
    !only || only.includes('reports')
      ? await reportsBench({
          apiMain: API_MAIN,
          flags: OURS_FLAGS,
          root: ROOT,
          issuer,
          freePort,
          call,
          sleep,
          log,
          workDir,
          quick: QUICK,
          pinning,
          db1M: dbs.ours1M,
          postgresUrl: env.BENCH_POSTGRES_URL ?? env.TEST_POSTGRES_URL,
        })
      : { lines: [], targets: [] };

  if (only) {
    for (const line of [...domain.lines, ...reports.lines]) console.log(line);
    for (const t of [...domain.targets, ...reports.targets])
      console.log(`${t.name}: ${t.value.toFixed(2)} (goal ${t.goal}) ${t.pass(t.value) ? 'pass' : 'FAIL'}`);
    if (only.includes('accessLog')) {
      const a = await measureAccessLog();
      console.log(
        `access log: off ${median(a.off).toFixed(0)} req/s, on ${median(a.on).toFixed(0)} req/s (on/off ${(median(a.on) / median(a.off)).toFixed(3)})`,
      );
    }
    for (const sc of scenarios)
      for (const arm of ARMS) {
        const rs = runs[sc]?.[arm];
        if (!rs) continue;
        const med = (f) => median(rs.map(f)).toFixed(0);
        console.log(
          `${sc.padEnd(8)} ${arm.padEnd(5)} ${med((r) => r.rps)} req/s, ${med((r) => r.cpuUs)} us CPU/req, p99 ${median(rs.map((r) => r.p99)).toFixed(1)} ms`,
        );
      }
    return issuer.close();
  }

  // Page latency by table size (ours), one request at a time at a steady pace.
  log('page latency by table size');
  const bySize = {};
  for (const [label, db] of [
    ['1k', dbs.ours1k],
    ['100k', dbs.ours],
    ['1M', dbs.ours1M],
  ]) {
    const p = await spawnArm('ours', db, oursOpts);
    await waitReady(p);
    await call(p.port, 'GET', LIST_PATH, { token: tokens.valid[0] });
    await paceLatency(p.port, tokens.valid[0], { count: 300, perSecond: 1000 }); // warm-up
    bySize[label] = await paceLatency(p.port, tokens.valid[0], { count: QUICK ? 500 : 2000, perSecond: 400 });
    await stop(p);
  }

  const accessLog = await measureAccessLog();

  const spa = spaBundle();
  // The provider: a fresh instance (and database) per round; the median grant rate counts.
  log('provider refresh-token grants');
  const providerRuns = [];
  for (let i = 0; i < (env.BENCH_SCENARIOS ? 0 : ROUNDS); i++) {
    const r = await providerGrantRate({
      root: ROOT,
      workDir: mkdtempSync(join(workDir, 'idp-')),
      duration: DURATION,
      pin: pinning,
      nice: NICE,
      freePort,
      log,
    });
    providerRuns.push(r);
    if (r.grantsPerSecond === undefined) break;
  }
  const measured = providerRuns.filter((r) => r.grantsPerSecond !== undefined);
  const provider = measured.length
    ? {
        grantsPerSecond: median(measured.map((r) => r.grantsPerSecond)),
        min: Math.min(...measured.map((r) => r.grantsPerSecond)),
        max: Math.max(...measured.map((r) => r.grantsPerSecond)),
        cpuMsPerGrant: median(measured.map((r) => r.cpuMsPerGrant)),
        busy: median(measured.map((r) => r.busy)),
        login: {
          cpuMs: median(measured.map((r) => r.login.cpuMs)),
          wallMs: median(measured.map((r) => r.login.wallMs)),
          idleRssMb: median(measured.map((r) => r.login.idleRssMb)),
          peakRssMb: Math.max(...measured.map((r) => r.login.peakRssMb)),
        },
        clientCredentials: {
          grantsPerSecond: median(measured.map((r) => r.clientCredentials.grantsPerSecond)),
          min: Math.min(...measured.map((r) => r.clientCredentials.grantsPerSecond)),
          max: Math.max(...measured.map((r) => r.clientCredentials.grantsPerSecond)),
          cpuMsPerGrant: median(measured.map((r) => r.clientCredentials.cpuMsPerGrant)),
          busy: median(measured.map((r) => r.clientCredentials.busy)),
        },
        runs: measured,
      }
    : { note: providerRuns[0]?.note ?? 'n/a: not measured' };
  await issuer.close();

  // Aggregate: median of the rounds; a round farther than SPREAD x from the median of its cell is discarded.
  const discarded = [];
  const cell = (s, arm, field = 'rps') => {
    const vals = (runs[s]?.[arm] ?? []).map((r) => r[field]);
    if (vals.length === 0) return null;
    const m0 = median(vals);
    // Throughput decides a discard; latencies (1 ms resolution, a few ms) are reported over all rounds.
    let kept = field === 'rps' ? vals.filter((v) => Math.max(v / m0, m0 / v) <= SPREAD) : vals;
    if (kept.length < vals.length) {
      vals.forEach((v, i) => {
        if (!kept.includes(v))
          discarded.push(`${s}/${arm}/${field} round ${i + 1}: ${v.toFixed(1)} vs median ${m0.toFixed(1)}`);
      });
    }
    if (kept.length === 0) kept = vals;
    return { median: median(kept), min: Math.min(...vals), max: Math.max(...vals), n: kept.length, all: vals };
  };
  const results = {};
  for (const s of scenarios) {
    results[s] = {};
    for (const arm of ARMS) {
      if (!runs[s]?.[arm]) continue;
      results[s][arm] = {
        rps: cell(s, arm),
        p99: cell(s, arm, 'p99'),
        p50: cell(s, arm, 'p50'),
        cpuUs: cell(s, arm, 'cpuUs'),
      };
      if (s === 'fixed') {
        results[s][arm].rate = runs[s][arm].map((r) => r.rate);
        results[s][arm].stealMs = runs[s][arm].map((r) => r.stealMs);
        results[s][arm].generatorLateP99 = runs[s][arm].map((r) => r.generatorLateP99);
      }
      const bad = runs[s][arm].reduce((n, r) => n + r.unexpected, 0);
      if (bad > 0) notes.push(`${s}/${arm}: ${bad} responses with an unexpected status or error`);
    }
  }

  const m = (s, a) => results[s]?.[a]?.rps?.median ?? NaN;
  const ratio = (a, b) => a / b;
  const targets = [];
  const target = (name, value, goal, pass, unit = '') => targets.push({ name, value, goal, pass, unit });
  target(
    'list, 1,000 tokens: ours / limit',
    ratio(m('list1000', 'ours'), m('list1000', 'limit')),
    '>= 0.6',
    (v) => v >= 0.6,
  );
  target('list, 1,000 tokens: ours / peer', ratio(m('list1000', 'ours'), m('list1000', 'peer')), '>= 2', (v) => v >= 2);
  target('list, one token: ours / limit', ratio(m('list1', 'ours'), m('list1', 'limit')), '>= 0.6', (v) => v >= 0.6);
  target('list, one token: ours / peer', ratio(m('list1', 'ours'), m('list1', 'peer')), '>= 2', (v) => v >= 2);
  target(
    'bad signature req/s / valid list req/s (ours)',
    ratio(m('badSig', 'ours'), m('list1000', 'ours')),
    '>= 1 (costs no more)',
    (v) => v >= 1,
  );
  target('POST: ours / limit', ratio(m('post', 'ours'), m('post', 'limit')), '>= 0.4', (v) => v >= 0.4);
  target('page p99 1M / 1k (ours)', bySize['1M'].p99 / bySize['1k'].p99, '<= 2', (v) => v <= 2);
  target('p99 at half max rate (ours)', results.fixed.ours.p99.median, '<= 10', (v) => v <= 10, 'ms');
  target('RSS idle (ours)', median(idleRss), '<= 120', (v) => v <= 120, 'MB');
  target('RSS under load (ours)', oursLoadRss, '<= 200', (v) => v <= 200, 'MB');
  target('cold start (ours)', median(cold), '<= 1000', (v) => v <= 1000, 'ms');
  target(
    'list with the access log on / off (ours)',
    median(accessLog.on) / median(accessLog.off),
    '>= 0.95',
    (v) => v >= 0.95,
  );
  if (provider.grantsPerSecond !== undefined)
    target('provider refresh grants', provider.grantsPerSecond, '>= 600', (v) => v >= 600, '/s');
  for (const t of [...domain.targets, ...reports.targets]) targets.push({ ...t, unit: '' });
  if (spa.rawKb !== undefined) {
    target('SPA initial bundle raw', spa.rawKb, '<= 250', (v) => v <= 250, 'kB');
    target('SPA initial bundle gzip', spa.gzipKb, '<= 80', (v) => v <= 80, 'kB');
  }
  for (const t of targets) t.pass = Number.isFinite(t.value) ? t.pass(t.value) : false;

  // Table
  const f = (x, d = 0) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
  const range = (c, d = 0) => (c ? `${f(c.median, d)} (${f(c.min, d)}..${f(c.max, d)})` : '-');
  const lines = [];
  lines.push(`Timesheets bench ${new Date().toISOString()}  node ${process.version}  ${cpus()[0]?.model ?? ''}`);
  lines.push(
    `${ROUNDS} round(s), ${DURATION} s runs (${REJECT_DURATION} s for rejections) after ${WARMUP} s warm-up, ${CONNECTIONS} connections; ${pinning ? 'load on core 0, servers on core 1' : 'no pinning'}`,
  );
  const oursFlags =
    env.BENCH_OURS_NODE_ARGS !== undefined
      ? `${env.BENCH_OURS_NODE_ARGS} (BENCH_OURS_NODE_ARGS)`
      : OURS_FLAGS.join(' ') || 'none';
  lines.push(
    `ours: ${oursConfig}; RATE_LIMIT_MAX=${RATE_LIMIT_MAX} (one client address stands for 1,000 users); node flags: ${oursFlags}`,
  );
  if (NICE.length) lines.push(`load generator and servers ran at nice ${NICE[2]} (BENCH_NICE) on a shared machine`);
  lines.push('');
  lines.push('| scenario (req/s, median (min..max)) | limit | peer | ours | ours/limit | ours/peer | ours p99 ms |');
  lines.push('|---|---|---|---|---|---|---|');
  const label = {
    list1000: 'GET list, 100k rows, 1,000 tokens',
    list1: 'GET list, 100k rows, one token',
    post: 'POST /api/timesheets',
    mix: '90/10 read/write mix',
    noToken: 'reject: no token (401)',
    badSig: 'reject: bad signature (401)',
    expired: 'reject: expired (401)',
    noScope: 'reject: missing scope (403)',
  };
  for (const s of Object.keys(label)) {
    const r = results[s];
    const row = ARMS.map((a) => range(r[a]?.rps));
    const ol = r.limit ? f(m(s, 'ours') / m(s, 'limit'), 2) : '-';
    const op = r.peer ? f(m(s, 'ours') / m(s, 'peer'), 2) : '-';
    lines.push(`| ${label[s]} | ${row.join(' | ')} | ${ol} | ${op} | ${f(r.ours?.p99?.median, 1)} |`);
  }
  const fx = results.fixed;
  lines.push(
    `| fixed rate at half max: p99 ms (rate) | ${ARMS.map((a) => `${range(fx[a].p99, 1)} (${fx[a].rate.join('/')}/s)`).join(' | ')} | | | |`,
  );
  lines.push(
    `fixed rate, per round: ${ARMS.map((a) => `${a} p99 ${fx[a].p99.all.map((x) => f(x, 1)).join('/')} ms with ${fx[a].stealMs.map((x) => f(x)).join('/')} ms stolen from core 1`).join('; ')} (the load generator's own lateness p99 <= ${f(Math.max(...ARMS.flatMap((a) => fx[a].generatorLateP99)), 2)} ms)`,
  );
  lines.push(
    `server CPU per request, µs (limit/peer/ours; a busy machine moves req/s more than this): ${[
      'list1000',
      'post',
      'badSig',
    ]
      .filter((x) => results[x])
      .map((x) => `${x} ${ARMS.map((a) => f(results[x][a]?.cpuUs?.median)).join('/')}`)
      .join('; ')}`,
  );
  lines.push('');
  lines.push(
    `page latency (ours, one at a time): ${Object.entries(bySize)
      .map(([k, v]) => `${k} p50 ${f(v.p50, 2)} ms p99 ${f(v.p99, 2)} ms`)
      .join('; ')}`,
  );
  lines.push(...domain.lines, ...reports.lines);
  lines.push(
    `cold start (ours): ${cold.map((c) => f(c)).join(', ')} ms; JWKS fetched ${issuer.jwksRequests} times in the run`,
  );
  lines.push(
    `access log (ours, list 1,000 tokens): off ${f(median(accessLog.off))} req/s (${accessLog.off.map((x) => f(x)).join('/')}), on ${f(median(accessLog.on))} req/s (${accessLog.on.map((x) => f(x)).join('/')}); CPU per request ${f(median(accessLog.cpuOff))} vs ${f(median(accessLog.cpuOn))} µs`,
  );
  lines.push(`RSS (ours): idle ${idleRss.map((x) => f(x)).join('/')} MB, under load max ${f(oursLoadRss)} MB`);
  lines.push(
    spa.rawKb !== undefined
      ? `SPA initial bundle: ${f(spa.rawKb, 1)} kB raw, ${f(spa.gzipKb, 1)} kB gzip, ${f(spa.brotliKb, 1)} kB brotli (${spa.files.length} files, built ${spa.builtAt})`
      : `SPA initial bundle: ${spa.note}`,
  );
  lines.push(
    provider.grantsPerSecond !== undefined
      ? `provider refresh-token grants (one core, ${provider.runs[0].chains} refresh chains): ${f(provider.grantsPerSecond)}/s (${f(provider.min)}..${f(provider.max)}), ${f(provider.cpuMsPerGrant, 2)} ms CPU per grant, core ${f(provider.busy * 100)}% busy`
      : `provider refresh-token grants: ${provider.note}`,
    ...(provider.clientCredentials
      ? [
          `provider client-credentials grants (one core, ${provider.runs[0].chains} requesters, client-policy stubbed): ${f(provider.clientCredentials.grantsPerSecond)}/s (${f(provider.clientCredentials.min)}..${f(provider.clientCredentials.max)}), ${f(provider.clientCredentials.cpuMsPerGrant, 2)} ms CPU per grant, core ${f(provider.clientCredentials.busy * 100)}% busy`,
        ]
      : []),
    ...(provider.login
      ? [
          `provider login (one at a time, scrypt N=2^17): ${f(provider.login.cpuMs)} ms CPU, ${f(provider.login.wallMs)} ms wall each; RSS ${f(provider.login.idleRssMb)} MB idle, peak ${f(provider.login.peakRssMb)} MB`,
        ]
      : []),
  );
  lines.push('');
  lines.push('| target | value | goal | result |');
  lines.push('|---|---|---|---|');
  for (const t of targets)
    lines.push(
      `| ${t.name} | ${f(t.value, t.unit ? 1 : 3)} ${t.unit} | ${t.goal} ${t.unit} | ${t.pass ? 'PASS' : 'MISS'} |`,
    );
  lines.push('');
  if (discarded.length) lines.push(`discarded rounds (> ${SPREAD}x from the median): ${discarded.join('; ')}`);
  else lines.push(`discarded rounds: none (no round farther than ${SPREAD}x from its median)`);
  for (const n of notes) lines.push(`note: ${n}`);
  lines.push(`total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(lines.join('\n'));

  const out = {
    at: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model,
    quick: QUICK,
    rounds: ROUNDS,
    durationSeconds: DURATION,
    connections: CONNECTIONS,
    pinning,
    ours: oursConfig,
    results,
    bySize,
    domain: domain.lines,
    reports: reports.lines,
    coldStartMs: cold,
    rssMb: { idle: idleRss, underLoadMax: oursLoadRss },
    accessLog,
    spa,
    provider,
    targets: targets.map(({ name, value, goal, pass, unit }) => ({ name, value, goal, unit, pass })),
    discarded,
    notes,
    table: lines,
  };
  if (env.BENCH_NO_SAVE !== '1') {
    mkdirSync(join(HERE, 'results'), { recursive: true });
    const file = join(HERE, 'results', QUICK ? 'quick.json' : 'latest.json');
    writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
    log(`wrote ${file}`);
    if (!QUICK) {
      // The README shows the latest full table.
      const readme = join(HERE, 'README.md');
      const text = readFileSync(readme, 'utf8');
      const at = text.indexOf('<!-- latest -->');
      if (at >= 0) {
        writeFileSync(readme, `${text.slice(0, at)}<!-- latest -->\n\n${lines.join('\n')}\n`);
        log(`updated ${readme}`);
      }
      // Keep the committed outputs in the repository's format (npm run format:check).
      spawnSync('npx', ['prettier', '--write', readme, file], { cwd: ROOT, stdio: 'ignore' });
    }
  }
  rmSync(workDir, { recursive: true, force: true });
}

main().then(
  () => {
    // Every path (profiles and BENCH_SCENARIOS return early) leaves no database copies behind.
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    process.exit(0);
  },
  (err) => {
    console.error('[bench] failed:', err?.stack ?? err);
    if (workDir) console.error(`[bench] logs kept in ${workDir}`);
    process.exit(1);
  },
);
