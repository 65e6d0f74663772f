// What a run reports: the rounds aggregated (median, min..max, a round farther than SPREAD from its cell's median
// discarded), the targets of the issues with PASS/MISS, the table printed and saved (results/latest.json and the
// README's latest table; results/quick.json in quick mode), and the short summary of a BENCH_SCENARIOS run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import {
  ARMS,
  CONNECTIONS,
  DURATION,
  HERE,
  log,
  median,
  NICE,
  notes,
  QUICK,
  RATE_LIMIT_MAX,
  REJECT_DURATION,
  ROOT,
  ROUNDS,
  SPREAD,
  WARMUP,
} from './settings.mjs';

const env = process.env;
const f = (x, d = 0) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const range = (c, d = 0) => (c ? `${f(c.median, d)} (${f(c.min, d)}..${f(c.max, d)})` : '-');

/** `results[scenario][arm]` = { rps, p99, p50, cpuUs } cells over the rounds, and the rounds discarded. */
export function aggregate(runs, scenarios) {
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
  return { results, discarded };
}

/** The targets of the issues, each with its value and whether it passed (a value that is not a number misses). */
export function evaluateTargets({ results, bySize, idleRss, oursLoadRss, cold, accessLog, provider, spa, more }) {
  const m = (s, a) => results[s]?.[a]?.rps?.median ?? NaN;
  const targets = [];
  const target = (name, value, goal, pass, unit = '') => targets.push({ name, value, goal, pass, unit });
  target('list, 1,000 tokens: ours / limit', m('list1000', 'ours') / m('list1000', 'limit'), '>= 0.6', (v) => v >= 0.6);
  target('list, 1,000 tokens: ours / peer', m('list1000', 'ours') / m('list1000', 'peer'), '>= 2', (v) => v >= 2);
  target('list, one token: ours / limit', m('list1', 'ours') / m('list1', 'limit'), '>= 0.6', (v) => v >= 0.6);
  target('list, one token: ours / peer', m('list1', 'ours') / m('list1', 'peer'), '>= 2', (v) => v >= 2);
  target(
    'bad signature req/s / valid list req/s (ours)',
    m('badSig', 'ours') / m('list1000', 'ours'),
    '>= 1 (costs no more)',
    (v) => v >= 1,
  );
  target('POST: ours / limit', m('post', 'ours') / m('post', 'limit'), '>= 0.4', (v) => v >= 0.4);
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
  for (const t of more) targets.push({ ...t, unit: '' });
  if (spa.rawKb !== undefined) {
    target('SPA initial bundle raw', spa.rawKb, '<= 250', (v) => v <= 250, 'kB');
    target('SPA initial bundle gzip', spa.gzipKb, '<= 80', (v) => v <= 80, 'kB');
  }
  for (const t of targets) t.pass = Number.isFinite(t.value) ? t.pass(t.value) : false;
  return targets;
}

const LABELS = {
  list1000: 'GET list, 100k rows, 1,000 tokens',
  list1: 'GET list, 100k rows, one token',
  post: 'POST /api/timesheets',
  mix: '90/10 read/write mix',
  noToken: 'reject: no token (401)',
  badSig: 'reject: bad signature (401)',
  expired: 'reject: expired (401)',
  noScope: 'reject: missing scope (403)',
};

/** The printed table: the run's setup, the scenarios per arm, the other figures, the targets, discards and notes. */
export function renderTable(r) {
  const { results, pinning, oursConfig, oursFlags, bySize, extraLines, cold, jwksRequests, accessLog } = r;
  const { idleRss, oursLoadRss, spa, provider, targets, discarded, startedAt } = r;
  const m = (s, a) => results[s]?.[a]?.rps?.median ?? NaN;
  const lines = [];
  lines.push(`Timesheets bench ${new Date().toISOString()}  node ${process.version}  ${cpus()[0]?.model ?? ''}`);
  lines.push(
    `${ROUNDS} round(s), ${DURATION} s runs (${REJECT_DURATION} s for rejections) after ${WARMUP} s warm-up, ${CONNECTIONS} connections; ${pinning ? 'load on core 0, servers on core 1' : 'no pinning'}`,
  );
  lines.push(
    `ours: ${oursConfig}; RATE_LIMIT_MAX=${RATE_LIMIT_MAX} (one client address stands for 1,000 users); node flags: ${oursFlags}`,
  );
  if (NICE.length) lines.push(`load generator and servers ran at nice ${NICE[2]} (BENCH_NICE) on a shared machine`);
  lines.push('');
  lines.push('| scenario (req/s, median (min..max)) | limit | peer | ours | ours/limit | ours/peer | ours p99 ms |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const s of Object.keys(LABELS)) {
    const row = ARMS.map((a) => range(results[s][a]?.rps));
    const ol = results[s].limit ? f(m(s, 'ours') / m(s, 'limit'), 2) : '-';
    const op = results[s].peer ? f(m(s, 'ours') / m(s, 'peer'), 2) : '-';
    lines.push(`| ${LABELS[s]} | ${row.join(' | ')} | ${ol} | ${op} | ${f(results[s].ours?.p99?.median, 1)} |`);
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
  lines.push(...extraLines);
  lines.push(
    `cold start (ours): ${cold.map((c) => f(c)).join(', ')} ms; JWKS fetched ${jwksRequests} times in the run`,
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
  lines.push(`total ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  return lines;
}

/** results/latest.json (quick.json in quick mode); a full run also replaces the README's latest table. */
export function saveResults(out) {
  if (env.BENCH_NO_SAVE === '1') return;
  mkdirSync(join(HERE, 'results'), { recursive: true });
  const file = join(HERE, 'results', QUICK ? 'quick.json' : 'latest.json');
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  log(`wrote ${file}`);
  if (QUICK) return;
  const readme = join(HERE, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const at = text.indexOf('<!-- latest -->');
  if (at >= 0) {
    writeFileSync(readme, `${text.slice(0, at)}<!-- latest -->\n\n${out.table.join('\n')}\n`);
    log(`updated ${readme}`);
  }
  // Keep the committed outputs in the repository's format (npm run format:check).
  spawnSync('npx', ['prettier', '--write', readme, file], { cwd: ROOT, stdio: 'ignore' });
}

/** A BENCH_SCENARIOS run: the lines and targets of what ran, the access log comparison, each scenario's medians. */
export function printSummary({ parts, accessLog, runs, scenarios }) {
  for (const line of parts.flatMap((p) => p.lines)) console.log(line);
  for (const t of parts.flatMap((p) => p.targets))
    console.log(`${t.name}: ${t.value.toFixed(2)} (goal ${t.goal}) ${t.pass(t.value) ? 'pass' : 'FAIL'}`);
  if (accessLog)
    console.log(
      `access log: off ${median(accessLog.off).toFixed(0)} req/s, on ${median(accessLog.on).toFixed(0)} req/s (on/off ${(median(accessLog.on) / median(accessLog.off)).toFixed(3)})`,
    );
  for (const sc of scenarios)
    for (const arm of ARMS) {
      const rs = runs[sc]?.[arm];
      if (!rs) continue;
      const med = (fn) => median(rs.map(fn)).toFixed(0);
      console.log(
        `${sc.padEnd(8)} ${arm.padEnd(5)} ${med((x) => x.rps)} req/s, ${med((x) => x.cpuUs)} us CPU/req, p99 ${median(rs.map((x) => x.p99)).toFixed(1)} ms`,
      );
    }
}
