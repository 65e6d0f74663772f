// The provider's refresh-token grant rate: the built provider (dist/apps/idp/main.js, not built here) on core 1 with
// a policy stub, a few code + PKCE logins as the demo employee (measured one at a time: the cost of a login, mostly
// its scrypt check), then refresh-token chains (each grant rotates the token, so every chain is sequential) for a
// fixed time; then client-credentials grants of one machine client (the API's client-policy answered by the stub) by
// as many concurrent requesters for the same time.
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { existsSync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { openDb } from './db.mjs';
import { cpuMicros, peakRssMb, rssMb } from './proc.mjs';

const REDIRECT = 'http://localhost:4200/';
const PASSWORD = 'bench-demo-password';
const KEY = 'bench-policy-key-0123456789';
const EMPLOYEE = ['read:timesheets', 'create:timesheets', 'delete:timesheets'];
const MACHINE = { id: 'mc_QmVuY2hJbXBvcnRDbGllbg', secret: `mcs_${randomBytes(32).toString('base64url')}` };

class Jar {
  cookies = new Map();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(lines) {
    for (const line of lines) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=\s*(0|-)/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  /** Follows redirects until a page, or a location under `stopAt`. */
  async go(url, { method = 'GET', form } = {}, stopAt = REDIRECT) {
    let current = url;
    let body = form ? new URLSearchParams(form).toString() : undefined;
    for (let hops = 0; hops < 20; hops++) {
      if (current.startsWith(stopAt)) return { redirectedTo: current };
      const res = await fetch(current, {
        method,
        redirect: 'manual',
        headers: {
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(this.cookies.size ? { cookie: this.header() } : {}),
        },
        body,
      });
      this.store(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        current = new URL(location, current).toString();
        method = 'GET';
        body = undefined;
        continue;
      }
      return { page: { status: res.status, url: current, html: await res.text() } };
    }
    throw new Error('too many redirects');
  }
}

const b64url = (buf) => buf.toString('base64url');

const EMAIL = 'alice@exampleco.test';

/**
 * Adds the bench account to the provider's (migrated) database as tools/idp/accounts.ts would: the provider refuses
 * DEMO_PASSWORD in production. The hash has the provider's format and parameters (libs/idp/data-access password.ts).
 */
function addAccount(dbPath) {
  const N = 1 << 17;
  const salt = randomBytes(16);
  const key = scryptSync(PASSWORD.normalize('NFKC'), salt, 32, { N, r: 8, p: 1, maxmem: 160 * 1024 * 1024 });
  const db = openDb(dbPath);
  try {
    const now = Date.now();
    db.prepare(
      'INSERT OR IGNORE INTO idp_account (id, email, name, password_hash, blocked, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)',
    ).run(randomUUID(), EMAIL, 'Alice Employee', ['scrypt', N, 8, 1, b64url(salt), b64url(key)].join('$'), now, now);
  } finally {
    db.close();
  }
}

async function login(issuer, meta) {
  const jar = new Jar();
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const url = new URL(meta.authorization_endpoint);
  for (const [k, v] of Object.entries({
    client_id: 'timesheets-spa',
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: `openid profile email offline_access ${EMPLOYEE.join(' ')}`,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: b64url(randomBytes(12)),
    nonce: b64url(randomBytes(12)),
  }))
    url.searchParams.set(k, v);
  let r = await jar.go(url.toString());
  if (r.page) {
    const csrf = /name="csrf" value="([^"]+)"/.exec(r.page.html)?.[1];
    const action = /action="([^"]*\/login)"/.exec(r.page.html)?.[1]?.replace(/&amp;/g, '&');
    if (!csrf || !action) throw new Error(`no login form (${r.page.status}): ${r.page.html.slice(0, 200)}`);
    r = await jar.go(new URL(action, r.page.url).toString(), {
      method: 'POST',
      form: { csrf, email: EMAIL, password: PASSWORD },
    });
  }
  if (!r.redirectedTo) throw new Error(`login did not redirect (${r.page?.status}): ${r.page?.html.slice(0, 200)}`);
  const code = new URL(r.redirectedTo).searchParams.get('code');
  if (!code) throw new Error(`no code in ${r.redirectedTo}`);
  const tokens = await token(meta, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: 'timesheets-spa',
    code_verifier: verifier,
  });
  if (!tokens.refresh_token) throw new Error(`no refresh token: ${JSON.stringify(tokens).slice(0, 200)}`);
  return tokens.refresh_token;
}

async function token(meta, form) {
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const json = await res.json();
  if (res.status !== 200) throw new Error(`token endpoint ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Client-credentials grants by `requesters` concurrent loops for `duration` s (after a 1 s warm-up). */
async function clientCredentialsRate(meta, requesters, duration, pid, log) {
  const basic = `Basic ${Buffer.from(`${MACHINE.id}:${MACHINE.secret}`).toString('base64')}`;
  let grants = 0;
  let errors = 0;
  let counting = false;
  let stopAt = 0;
  const loop = async () => {
    while (Date.now() < stopAt) {
      const res = await fetch(meta.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
        body: 'grant_type=client_credentials&scope=import%3Atimesheets',
      });
      const json = await res.json();
      if (res.status === 200 && json.access_token) {
        if (counting) grants++;
      } else {
        errors++;
        if (errors === 1) log(`provider client credentials: ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
        if (errors > 20) return;
      }
    }
  };
  const run = () => Promise.all(Array.from({ length: requesters }, loop));
  stopAt = Date.now() + 1000;
  await run();
  counting = true;
  const t0 = Date.now();
  const cpu0 = cpuMicros(pid);
  stopAt = t0 + duration * 1000;
  await run();
  const seconds = (Date.now() - t0) / 1000;
  const cpuMs = (cpuMicros(pid) - cpu0) / 1000;
  return { grantsPerSecond: grants / seconds, cpuMsPerGrant: cpuMs / grants, busy: cpuMs / (seconds * 1000), errors };
}

/** Returns { grantsPerSecond, chains, errors } or { note } when the provider cannot be measured. */
export async function providerGrantRate({ root, workDir, duration, pin, nice = [], freePort, log, profileDir }) {
  const main = join(root, 'dist/apps/idp/main.js');
  if (!existsSync(join(root, 'apps/idp')) || !existsSync(main))
    return { note: 'n/a: provider not available (no dist/apps/idp build)' };
  // On its own thread (see policy-stub.mjs): the provider's grants wait for its answers.
  const stub = new Worker(new URL('./policy-stub.mjs', import.meta.url), {
    workerData: { key: KEY, permissions: EMPLOYEE, client: MACHINE },
  });
  const stubPort = await new Promise((resolve, reject) => {
    stub.once('message', resolve);
    stub.once('error', reject);
  });
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const out = openSync(join(workDir, 'idp.log'), 'a');
  const dbPath = join(workDir, 'idp.sqlite');
  const childEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    ISSUER: issuer,
    PORT: String(port),
    DATABASE_URL: `sqlite:${dbPath}`,
    POLICY_URL: `http://127.0.0.1:${stubPort}/api/authz/policy`,
    AUTHZ_POLICY_KEY: KEY,
    COOKIE_KEYS: b64url(randomBytes(32)),
  };
  // profileDir: CPU-profile the provider (exits on SIGUSR2 so that the profile is written).
  const args = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '-r', join(import.meta.dirname ?? '.', 'exit-on-signal.cjs'), main]
    : [main];
  const cmd = [...nice, ...(pin ? ['taskset', '-c', '1'] : []), process.execPath, ...args];
  const child = spawn(cmd[0], cmd.slice(1), { cwd: root, env: childEnv, stdio: ['ignore', out, out] });
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    let meta;
    for (let i = 0; i < 600 && !meta; i++) {
      if (exited) return { note: `n/a: provider not available (it exited at start; see ${join(workDir, 'idp.log')})` };
      try {
        const r = await fetch(`${issuer}/.well-known/openid-configuration`);
        if (r.ok) meta = await r.json();
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    if (!meta) return { note: 'n/a: provider not available (no discovery document)' };
    addAccount(dbPath);
    const chains = Number(process.env.BENCH_PROVIDER_CHAINS ?? 16);
    const tokens = [];
    // One login at a time: browser redirects, the login form (one scrypt check), the code exchange.
    const idleRssMb = rssMb(child.pid);
    const loginCpu0 = cpuMicros(child.pid);
    const loginT0 = performance.now();
    for (let i = 0; i < chains; i++) tokens.push(await login(issuer, meta));
    const loginCost = {
      logins: chains,
      wallMs: (performance.now() - loginT0) / chains,
      cpuMs: (cpuMicros(child.pid) - loginCpu0) / 1000 / chains,
      idleRssMb,
      peakRssMb: peakRssMb(child.pid),
    };
    let grants = 0;
    let errors = 0;
    let counting = false;
    let stopAt = 0;
    const chain = async (i) => {
      while (Date.now() < stopAt) {
        try {
          const t = await token(meta, {
            grant_type: 'refresh_token',
            refresh_token: tokens[i],
            client_id: 'timesheets-spa',
          });
          tokens[i] = t.refresh_token;
          if (counting) grants++;
        } catch (e) {
          errors++;
          if (errors === 1) log(`provider: ${e.message}`);
          if (errors > 20) return;
        }
      }
    };
    stopAt = Date.now() + 1000; // warm-up
    await Promise.all(tokens.map((_, i) => chain(i)));
    counting = true;
    const t0 = Date.now();
    const cpu0 = cpuMicros(child.pid);
    stopAt = t0 + duration * 1000;
    await Promise.all(tokens.map((_, i) => chain(i)));
    const seconds = (Date.now() - t0) / 1000;
    const cpuMs = (cpuMicros(child.pid) - cpu0) / 1000;
    const clientCredentials = await clientCredentialsRate(meta, chains, duration, child.pid, log);
    const policyCalls = await new Promise((resolve) => {
      stub.once('message', resolve);
      stub.postMessage('count');
    });
    return {
      grantsPerSecond: grants / seconds,
      cpuMsPerGrant: cpuMs / grants,
      // The provider's share of its core while measured (below ~0.95, the load did not saturate it).
      busy: cpuMs / (seconds * 1000),
      chains,
      errors,
      policyCalls,
      login: loginCost,
      clientCredentials,
    };
  } catch (e) {
    return { note: `n/a: provider not measured (${String(e.message).slice(0, 160)})` };
  } finally {
    if (!exited) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill(profileDir ? 'SIGUSR2' : 'SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(t);
    }
    await stub.terminate();
  }
}
