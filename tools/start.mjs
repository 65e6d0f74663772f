#!/usr/bin/env node
// `npm start`: builds the apps (cached by Nx), then runs the API, the embedded OpenID Provider and the SPA together
// with the local demo configuration, and prints where to go and how to log in. Ctrl+C stops everything.
import { shippedNodeFlags } from './start-command.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const env = process.env;
const DEMO_PASSWORD = env.DEMO_PASSWORD ?? 'timesheets-demo';
const ports = {
  web: Number(env.WEB_PORT ?? 4200),
  api: Number(env.API_PORT ?? 3333),
  idp: Number(env.IDP_PORT ?? 3334),
};
const dataDir = env.DATA_DIR ?? 'data';
const issuer = `http://localhost:${ports.idp}`;
const apiUrl = `http://localhost:${ports.api}/api`;
const webUrl = `http://localhost:${ports.web}/`;

// Local secrets, generated once and kept out of git (data/ is ignored).
mkdirSync(dataDir, { recursive: true });
const secretsFile = `${dataDir}/dev-secrets.json`;
const secrets = existsSync(secretsFile)
  ? JSON.parse(readFileSync(secretsFile, 'utf8'))
  : { policyKey: randomBytes(24).toString('base64url'), cookieKey: randomBytes(24).toString('base64url') };
writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });

const has = (project) => existsSync(`apps/${project}/project.json`);
const projects = ['api', 'idp', 'web', 'web-server'].filter(has);
if (env.SKIP_BUILD !== 'true') {
  console.log(`Building ${projects.join(', ')} (cached after the first run)...`);
  // web:precompress writes the SPA's brotli and gzip variants after web:build.
  const targets = ['build', 'precompress'];
  const build = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', ...targets, '-p', projects.join(','), '--outputStyle=static'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const services = [
  {
    name: 'api',
    cmd: ['node', ...shippedNodeFlags('dist/apps/api'), 'dist/apps/api/main.js'],
    health: `http://127.0.0.1:${ports.api}/api/health`,
    env: {
      PORT: String(ports.api),
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: apiUrl,
      DATABASE_URL: env.API_DATABASE_URL ?? `sqlite:${dataDir}/api.sqlite`,
      AUTHZ_POLICY_KEY: secrets.policyKey,
      AUTHZ_DEMO_USERS: 'true',
      DEMO_DATA: 'true',
      CORS_ORIGINS: `http://localhost:${ports.web}`,
    },
  },
  {
    name: 'idp',
    cmd: ['node', ...shippedNodeFlags('dist/apps/idp'), 'dist/apps/idp/main.js'],
    health: `http://127.0.0.1:${ports.idp}/.well-known/openid-configuration`,
    env: {
      PORT: String(ports.idp),
      ISSUER: issuer,
      DATABASE_URL: env.IDP_DATABASE_URL ?? `sqlite:${dataDir}/idp.sqlite`,
      API_AUDIENCE: apiUrl,
      POLICY_URL: `http://127.0.0.1:${ports.api}/api/authz/policy`,
      AUTHZ_POLICY_KEY: secrets.policyKey,
      COOKIE_KEYS: secrets.cookieKey,
      SPA_REDIRECT_URIS: webUrl,
      SPA_POST_LOGOUT_REDIRECT_URIS: webUrl,
      SPA_IMPLICIT_FLOW: env.SPA_IMPLICIT_FLOW ?? 'false',
      DEMO_PASSWORD,
    },
  },
  {
    name: 'web',
    cmd: ['node', 'dist/apps/web-server/main.js'],
    health: `http://127.0.0.1:${ports.web}/config.json`,
    env: {
      PORT: String(ports.web),
      WEB_ROOT: 'dist/apps/web/browser',
      WEB_ISSUER: issuer,
      WEB_API_URL: apiUrl,
      WEB_AUDIENCE: apiUrl,
      WEB_FLOW: env.SPA_IMPLICIT_FLOW === 'true' ? 'implicit' : 'code',
    },
  },
].filter((s) => has(s.name) && (s.name !== 'web' || has('web-server')));

const children = [];
let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function launch(s) {
  const child = spawn(s.cmd[0], s.cmd.slice(1), {
    env: { ...env, NODE_ENV: env.NODE_ENV ?? 'development', HOST: '127.0.0.1', ...s.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => `[${s.name}] ${l}\n`)
      .join('');
  child.stdout.on('data', (d) => process.stdout.write(prefix(d)));
  child.stderr.on('data', (d) => process.stderr.write(prefix(d)));
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`[${s.name}] exited with code ${code}; stopping the others.`);
      stop(code || 1);
    }
  });
  children.push(child);
}

async function waitFor(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

// The SPA is served last, once the API and the provider answer: whoever waits for :4200 finds the system ready.
const backends = services.filter((s) => s.name !== 'web');
backends.forEach(launch);
const backendsReady = await Promise.all(backends.map((s) => waitFor(s.health)));
const web = services.filter((s) => s.name === 'web');
if (!backendsReady.includes(false)) web.forEach(launch);
const ready = [
  ...backendsReady,
  ...(await Promise.all(web.map((s) => (backendsReady.includes(false) ? false : waitFor(s.health))))),
];
if (ready.includes(false)) {
  console.error(
    `Not ready in time: ${services
      .filter((_, i) => !ready[i])
      .map((s) => s.name)
      .join(', ')}`,
  );
  stop(1);
} else {
  console.log(`
  Timesheets is running.

    Open            ${has('web') ? webUrl : '(the SPA is not built yet)'}
    API             ${apiUrl}   (OpenAPI docs: ${apiUrl}/docs)
    OpenID Provider ${issuer}

  Demo logins (password: ${DEMO_PASSWORD})
    alice@exampleco.test   employee: records her own timesheets, reports on her own hours
    bob@exampleco.test     manager: also approves or rejects others' entries; the team's weeks on Approvals
    carol@exampleco.test   admin: customers, projects, period lock, users, roles, groups, machine clients, audit log, reports
    paula@exampleco.test   payroll: reports on and exports everybody's hours (Reports page: CSV, Excel)

  Data lives in ${dataDir} (delete it to start over). Press Ctrl+C to stop.
`);
}
