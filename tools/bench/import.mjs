// Issue 17: a machine client's upload of 1,000 rows (POST /api/imports/timesheets), one at a time, on SQLite, "ours"
// on its core: 200 people x 5 days per upload, each upload a week of its own (the daily maximum never refuses one).
// The client is registered in the database directly (its token is minted by the bench issuer like every token here).
import { openDb, PROJECTS, subject, TEAM } from './db.mjs';
import { cpuMicros } from './proc.mjs';

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const CLIENT = 'mc_QmVuY2hJbXBvcnRDbGllbg';
const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

function registerClient(dbPath) {
  const db = openDb(dbPath);
  try {
    db.prepare(
      `INSERT OR IGNORE INTO authz_machine_clients (id, name, scopes, import_status, created_at, created_by, revoked_at)
       VALUES (?, 'Bench import', 'import:timesheets', 'draft', ?, 'bench', NULL)`,
    ).run(CLIENT, new Date().toISOString());
  } finally {
    db.close();
  }
}

/** `ctx` as domain.mjs's. Returns { lines, targets }. */
export async function importBench(ctx) {
  const { spawnArm, waitReady, stop, call, issuer, oursOpts, quick, log } = ctx;
  if (oursOpts.trustScopes) return { lines: ['import: n/a (the users could not be provisioned)'], targets: [] };
  log('an upload of 1,000 rows by a machine client');
  registerClient(ctx.db100k);
  const p = await spawnArm('ours', ctx.db100k, oursOpts);
  await waitReady(p);
  try {
    const token = issuer.mint(CLIENT, 'import:timesheets', { clientId: CLIENT });
    const body = (round) => {
      const monday = Date.UTC(2018, 11, 31) - 7 * DAY * round;
      const entries = [];
      for (let person = 0; person < TEAM; person++)
        for (let d = 0; d < 5; d++)
          entries.push({
            email: `${subject(person)}@bench.test`,
            date: iso(monday + d * DAY),
            projectCode: PROJECTS[(person + d) % PROJECTS.length].code,
            hours: 7.5,
            notes: 'Badge in 08:00, out 16:00',
          });
      return { entries };
    };
    const rounds = quick ? 8 : 30;
    const warmup = 3;
    const ms = [];
    let cpu = 0;
    for (let i = 0; i < rounds + warmup; i++) {
      const b = body(i);
      const cpu0 = cpuMicros(p.pid);
      const t0 = process.hrtime.bigint();
      const r = await call(p.port, 'POST', '/api/imports/timesheets', { token, body: b });
      const took = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 201 || r.json.imported !== 1000)
        throw new Error(`import answered ${r.status}: ${r.text.slice(0, 300)}`);
      if (i >= warmup) {
        ms.push(took);
        cpu += cpuMicros(p.pid) - cpu0;
      }
    }
    ms.sort((a, b) => a - b);
    const p50 = quantile(ms, 0.5);
    const p99 = quantile(ms, 0.99);
    return {
      lines: [
        `import of 1,000 rows (ours, one core, SQLite with 100k entries, 200 people x 5 days, one at a time, ${ms.length} uploads): p50 ${p50.toFixed(1)} ms, max ${p99.toFixed(1)} ms; the API's CPU ${(cpu / 1000 / ms.length).toFixed(1)} ms per upload (wall above CPU: waiting for its core)`,
      ],
      targets: [{ name: 'import of 1,000 rows, median', value: p50, goal: '<= 300 ms', pass: (v) => v <= 300 }],
    };
  } finally {
    await stop(p);
  }
}
