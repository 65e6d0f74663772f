// The processes under test and how the harness talks to them: the three arms (limit, peer and ours: the shipped API)
// started pinned to core 1 with a log file each, readiness, stopping, and a keep-alive HTTP client for single calls.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HERE, NICE, pinning, POLICY_KEY, RATE_LIMIT_MAX, ROOT, sleep } from './settings.mjs';

const env = process.env;

export async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise((r) => s.close(r));
  return port;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One request; resolves with the status, the text and its JSON (undefined when it is not JSON). */
export function call(port, method, path, { token, body, headers = {} } = {}) {
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

// Every child still running when the harness exits (normally, on an error or a signal) is killed.
const children = new Set();
process.on('exit', () => {
  for (const p of children) if (!p.exited) p.child.kill('SIGKILL');
});
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(130));

/**
 * Starting and stopping arms against `issuer`, "ours" being `api.main` started with `api.flags` (the shipped node
 * flags; BENCH_OURS_NODE_ARGS replaces them for experiments). Logs go to `workDir/<arm>.log`.
 */
export function createArms({ workDir, issuer, api }) {
  function spawnArm(arm, db, { trustScopes = false, profile = false, accessLog = false } = {}) {
    return (async () => {
      const port = await freePort();
      const script = arm === 'ours' ? api.main : join(HERE, 'arms', `${arm}.mjs`);
      const nodeArgs = profile
        ? ['--cpu-prof', `--cpu-prof-dir=${join(HERE, 'results', 'profiles')}`, '-r', join(HERE, 'exit-on-signal.cjs')]
        : [];
      const flags =
        env.BENCH_OURS_NODE_ARGS !== undefined ? env.BENCH_OURS_NODE_ARGS.split(' ').filter(Boolean) : api.flags;
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

  /** Stops a child that writes its CPU profile on SIGUSR2 (exit-on-signal.cjs) and waits for it to exit. */
  async function stopProfiled(proc) {
    const done = new Promise((res) => proc.child.once('exit', res));
    proc.child.kill('SIGUSR2');
    await done;
    children.delete(proc);
  }

  return { spawnArm, waitReady, stop, stopProfiled };
}
