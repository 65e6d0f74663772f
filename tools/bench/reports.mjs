// The issue-16 measurements (run.mjs starts nothing for them; this module spawns the API itself, so that it can give
// it the configuration it needs and sample its memory):
// - an export of every row of the 1M-entry database, CSV and XLSX, detail: rows per second and the API's peak RSS
//   above idle while it streams, on SQLite and (with TEST_POSTGRES_URL or BENCH_POSTGRES_URL) on PostgreSQL;
// - the hours report of the bench team (200 people) over a year, grouped by person and month, one request at a time:
//   p50/p99 on SQLite, for a payroll caller (group filter) and for the team's manager (reach).
// Wall times on a shared machine follow its load; the API's CPU per request and per row (from /proc) are the stable
// figures, printed beside every wall figure with the load average.
// BENCH_REPORTS=hours,csv,xlsx picks measurements (all by default); BENCH_REPORTS_PROFILE=hours|csv|xlsx runs the API
// of that measurement under `node --cpu-prof` and prints the profile's summary (profiles in results/profiles/).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { MANAGER, PROJECTS, subject, SUBJECTS, TEAM } from './db.mjs';
import { cpuMicros, rssMb } from './proc.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PROFILES = join(HERE, 'results', 'profiles');
const ONLY = process.env.BENCH_REPORTS ? process.env.BENCH_REPORTS.split(',') : ['hours', 'csv', 'xlsx'];
const PROFILE = process.env.BENCH_REPORTS_PROFILE;

const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/**
 * GETs `path` and reads the body to the end without keeping it: bytes, line ends, time, peak RSS of `pid` and the CPU
 * time `pid` used meanwhile (seconds).
 */
function drain(port, path, token, pid) {
  return new Promise((resolve, reject) => {
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
    const t0 = process.hrtime.bigint();
    const cpu0 = cpuMicros(pid);
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      let lines = 0;
      res.on('data', (chunk) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => {
        clearInterval(sample);
        peak = Math.max(peak, rssMb(pid));
        resolve({
          status: res.statusCode,
          bytes,
          lines,
          seconds: Number(process.hrtime.bigint() - t0) / 1e9,
          cpuSeconds: (cpuMicros(pid) - cpu0) / 1e6,
          peak,
        });
      });
      res.on('error', reject);
    });
    req.on('error', (e) => {
      clearInterval(sample);
      reject(e);
    });
    req.end();
  });
}

/** Fills a fresh PostgreSQL database (schema from the API's migrations) with the 1M rows of db.mjs's pattern. */
async function fillPostgres(url, rows, log) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const p of PROJECTS)
      await client.query(
        `INSERT INTO projects (id, code, name, customer_id, billable, archived, created_at, updated_at)
         VALUES ($1, $2, $3, NULL, true, false, now()::text, now()::text)`,
        [p.id, p.code, p.name],
      );
    const owners = Math.min(SUBJECTS, Math.max(1, Math.floor(rows / 100)));
    log(`filling PostgreSQL with ${rows} entries (generate_series)`);
    await client.query(
      `INSERT INTO timesheet_entries (id, owner_id, owner_name, date, week, project_id, hours, notes, status,
         decided_by, decided_at, rejection_reason, created_at, updated_at, version)
       SELECT gen_random_uuid()::text, 'user-' || lpad((i % $2)::text, 4, '0'), 'Bench user-' || lpad((i % $2)::text, 4, '0'),
         to_char(d, 'YYYY-MM-DD'), to_char(d, 'IYYY-"W"IW'), ($3::text[])[1 + i % 6], 1 + (i % 16) / 2.0,
         CASE WHEN i % 3 = 0 THEN NULL ELSE 'Worked on tickets and reviews' END,
         CASE WHEN (i * 7) % 10 = 0 THEN 'rejected' ELSE 'approved' END, 'bench', '2023-01-01T00:00:00.000Z', NULL,
         '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z', 1
       FROM generate_series(0, $1 - 1) AS i, LATERAL (SELECT DATE '2023-01-02' + ((i / $2) % 1500)::int AS d) AS x`,
      [rows, owners, PROJECTS.map((p) => p.id)],
    );
    await client.query('ANALYZE timesheet_entries');
  } finally {
    await client.end();
  }
}

/**
 * `ctx`: { apiMain, flags, issuer, freePort, call, sleep, log, workDir, db1M, quick, pinning, postgresUrl }.
 * Returns { lines, targets }.
 */
export async function reportsBench(ctx) {
  const { apiMain, flags, issuer, freePort, call, sleep, log, workDir, quick, pinning } = ctx;
  const lines = [];
  const targets = [];
  const spawnApi = async (databaseUrl, profile = false) => {
    const port = await freePort();
    const out = openSync(join(workDir, 'reports-api.log'), 'a');
    if (profile) mkdirSync(PROFILES, { recursive: true });
    const profiling = profile
      ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`, '-r', join(HERE, 'exit-on-signal.cjs')]
      : [];
    const cmd = [...(pinning ? ['taskset', '-c', '1'] : []), process.execPath, ...profiling, ...flags, apiMain];
    const child = spawn(cmd[0], cmd.slice(1), {
      cwd: ctx.root,
      stdio: ['ignore', out, out],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_ISSUER: issuer.issuer,
        AUTH_AUDIENCE: issuer.audience,
        AUTH_JWKS_URI: issuer.jwksUri,
        DATABASE_URL: databaseUrl,
        AUTHZ_TRUST_TOKEN_SCOPES: 'true',
        RATE_LIMIT_MAX: '10000000',
        REPORTS_MAX_PERIOD_DAYS: '1500',
      },
    });
    const proc = { port, pid: child.pid, child, exited: false, profile };
    child.on('exit', () => (proc.exited = true));
    process.on('exit', () => proc.exited || child.kill('SIGKILL'));
    const end = Date.now() + 120_000;
    for (;;) {
      if (proc.exited) throw new Error(`the API exited during start; see ${join(workDir, 'reports-api.log')}`);
      const r = await call(port, 'GET', '/api/health').catch(() => null);
      if (r && r.status === 200) break;
      if (Date.now() > end) throw new Error('the API did not become ready');
      await sleep(50);
    }
    return proc;
  };
  const stopApi = async (proc) => {
    if (proc.exited) return;
    const before = proc.profile && existsSync(PROFILES) ? new Set(readdirSync(PROFILES)) : null;
    const done = new Promise((r) => proc.child.once('exit', r));
    proc.child.kill(proc.profile ? 'SIGUSR2' : 'SIGTERM');
    await done;
    if (before) {
      const file = readdirSync(PROFILES).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
      const { summarise } = await import('./profile-summary.mjs');
      lines.push(`profile of the API (${proc.profile}): ${file ? join(PROFILES, file) : 'none written'}`);
      if (file) lines.push(summarise(join(PROFILES, file), 30));
    }
  };
  const payroll = issuer.mint('bench-payroll', 'read:timesheets read:reports');
  const everything = 'from=2023-01-01&to=2027-01-31&status=pending,approved,rejected';

  const exportOn = async (engine, databaseUrl, rows) => {
    const formats = ['csv', 'xlsx'].filter((f) => (PROFILE ? PROFILE === f : ONLY.includes(f)));
    if (formats.length === 0) return;
    const p = await spawnApi(
      databaseUrl,
      PROFILE && formats.includes(PROFILE) ? `${PROFILE} export, ${engine}` : false,
    );
    try {
      // Warm up (JWKS, statements, the first export's code paths), then the idle RSS.
      const warm = await drain(
        p.port,
        `/api/reports/hours/export?from=2023-01-02&to=2023-01-02&format=xlsx`,
        payroll,
        p.pid,
      );
      if (warm.status !== 200) throw new Error(`export answered ${warm.status}`);
      await drain(p.port, `/api/reports/hours/export?from=2023-01-02&to=2023-01-03&format=csv`, payroll, p.pid);
      await sleep(1500);
      for (const format of formats) {
        const idle = rssMb(p.pid);
        const r = await drain(p.port, `/api/reports/hours/export?${everything}&format=${format}`, payroll, p.pid);
        if (r.status !== 200) throw new Error(`${format} export answered ${r.status}`);
        if (format === 'csv' && r.lines !== rows + 2)
          throw new Error(`the CSV has ${r.lines} lines, not ${rows + 2} (header, rows, total)`);
        const perSecond = rows / r.seconds;
        const above = r.peak - idle;
        lines.push(
          `export ${format.toUpperCase()} detail (${engine}, ${rows} rows, ${(r.bytes / 1e6).toFixed(0)} MB): ` +
            `${perSecond.toFixed(0)} rows/s (${r.seconds.toFixed(1)} s), API CPU ${((r.cpuSeconds * 1e6) / rows).toFixed(1)} ` +
            `us/row (${(rows / r.cpuSeconds).toFixed(0)} rows per CPU-second), RSS idle ${idle.toFixed(0)} MB, ` +
            `peak ${r.peak.toFixed(0)} MB (+${above.toFixed(0)} MB); load average ${loadavg()[0].toFixed(1)}`,
        );
        targets.push({
          name: `export ${format} rows/s (${engine}, 1M rows, one core)`,
          value: perSecond,
          goal: '>= 50000',
          pass: (v) => v >= 50_000,
        });
        targets.push({
          name: `export ${format} peak RSS above idle, MB (${engine})`,
          value: above,
          goal: '<= 80',
          pass: (v) => v <= 80,
        });
        await sleep(1500);
      }
    } finally {
      await stopApi(p);
    }
  };

  // The hours report of the bench team over a year (SQLite, 1M entries).
  const hours = async () => {
    log('reports: hours report of a team of 200 over a year (1M entries, SQLite)');
    const p = await spawnApi(`sqlite:${ctx.db1M}`, PROFILE === 'hours' ? 'hours report, SQLite' : false);
    try {
      const groups = await call(p.port, 'GET', '/api/reports/options', { token: payroll });
      const team = groups.json?.groups?.find((g) => g.name === 'Bench team');
      const manager = issuer.mint(subject(MANAGER), 'read:timesheets approve:timesheets');
      const year = 'from=2024-01-01&to=2024-12-31&groupBy=person,month';
      const steps = [
        ...(team
          ? [{ name: 'payroll, group filter', path: `/api/reports/hours?${year}&group=${team.id}`, token: payroll }]
          : []),
        { name: "the team's manager", path: `/api/reports/hours?${year}`, token: manager },
      ];
      for (const s of steps) {
        const r = await call(p.port, 'GET', s.path, { token: s.token });
        if (r.status !== 200) throw new Error(`${s.name}: ${r.status} ${r.text.slice(0, 200)}`);
        const people = new Set(r.json.rows.map((row) => row.keys[0].id)).size;
        s.check = `${people} people, ${r.json.totals.entries} entries`;
      }
      const rounds = quick ? 100 : 400;
      for (const s of steps) {
        const lat = [];
        let cpu0 = 0;
        for (let i = 0; i < rounds + 20; i++) {
          if (i === 20) cpu0 = cpuMicros(p.pid);
          const t0 = process.hrtime.bigint();
          const r = await call(p.port, 'GET', s.path, { token: s.token });
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          if (r.status !== 200) throw new Error(`${s.name}: ${r.status}`);
          if (i >= 20) lat.push(ms);
          await sleep(Math.max(0, 50 - ms));
        }
        const cpuMs = (cpuMicros(p.pid) - cpu0) / 1000 / rounds;
        lat.sort((a, b) => a - b);
        const p99 = quantile(lat, 0.99);
        lines.push(
          `hours report, person x month over 2024 (SQLite, 1M entries; ${s.name}: ${s.check}): ` +
            `p50 ${quantile(lat, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, API CPU ${cpuMs.toFixed(1)} ms/request ` +
            `(${lat.length} requests, one at a time; load average ${loadavg()[0].toFixed(1)})`,
        );
        targets.push({
          name: `hours report p99 ms (team of ${TEAM}, a year, ${s.name})`,
          value: p99,
          goal: '<= 100',
          pass: (v) => v <= 100,
        });
      }
    } finally {
      await stopApi(p);
    }
  };
  if (PROFILE ? PROFILE === 'hours' : ONLY.includes('hours')) await hours();

  log('reports: 1M-row exports on SQLite');
  await exportOn('SQLite', `sqlite:${ctx.db1M}`, 1_000_000);

  const admin = ctx.postgresUrl;
  if (PROFILE === 'hours' || !['csv', 'xlsx'].some((f) => (PROFILE ? PROFILE === f : ONLY.includes(f)))) {
    return { lines, targets };
  }
  if (!admin) {
    lines.push('export on PostgreSQL: not run (set TEST_POSTGRES_URL or BENCH_POSTGRES_URL)');
    return { lines, targets };
  }
  const name = `bench_reports_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try {
    const p = await spawnApi(url.toString()); // runs the migrations
    await stopApi(p);
    await fillPostgres(url.toString(), 1_000_000, log);
    log('reports: 1M-row exports on PostgreSQL');
    await exportOn('PostgreSQL', url.toString(), 1_000_000);
  } finally {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  }
  return { lines, targets };
}
