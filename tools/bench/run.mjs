#!/usr/bin/env node
// `npm run bench`: the Timesheets API ("ours") against the bare limit and the usual Express stack ("peer"), in one run,
// plus the provider, the SPA's bundle and the issues' own measurements. See README.md. Env: BENCH_QUICK=1 (1 round,
// 2 s runs), BENCH_ROUNDS, BENCH_DURATION (s), BENCH_SCENARIOS, BENCH_PROFILE, BENCH_SKIP_BUILD=1, BENCH_NO_SAVE=1.
// The parts: settings.mjs (settings, pinning), build.mjs, harness.mjs (processes, HTTP), databases.mjs, load.mjs,
// api-rounds.mjs, domain.mjs, import.mjs, reports.mjs, provider-rounds.mjs, profile.mjs, report.mjs (aggregate, targets, table).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_SCENARIOS, apiRounds, coldStart, measureAccessLog, pageLatencyBySize } from './api-rounds.mjs';
import { buildApi, buildProviderAndSpa, spaBundle } from './build.mjs';
import { copyDatabases, prepareDatabases, provisionOurs } from './databases.mjs';
import { subject, SUBJECTS } from './db.mjs';
import { domainBench } from './domain.mjs';
import { call, createArms, freePort } from './harness.mjs';
import { importBench } from './import.mjs';
import { startIssuer } from './issuer.mjs';
import { profileOurs, profileProvider } from './profile.mjs';
import { providerRounds } from './provider-rounds.mjs';
import { aggregate, evaluateTargets, printSummary, renderTable, saveResults } from './report.mjs';
import { reportsBench } from './reports.mjs';
import {
  CONNECTIONS,
  DURATION,
  FULL_SCOPE,
  log,
  notes,
  ONLY,
  pinHarness,
  pinning,
  PROFILE,
  QUICK,
  ROOT,
  ROUNDS,
  sleep,
} from './settings.mjs';

const env = process.env;
let workDir;

/** The issuer's tokens: 1,000 valid ones (one per bench subject), one badly signed, one expired, one without reads. */
function mintTokens(issuer) {
  const now = Math.floor(Date.now() / 1000);
  return {
    valid: Array.from({ length: SUBJECTS }, (_, i) => issuer.mint(subject(i), FULL_SCOPE)),
    badSig: issuer.mint(subject(0), FULL_SCOPE, { key: issuer.otherKey }),
    expired: issuer.mint(subject(0), FULL_SCOPE, { iat: now - 7200, exp: now - 3600 }),
    noScope: issuer.mint(subject(0), 'create:timesheets'),
  };
}

/** The API build, arms that start it, and the pristine databases; HEAD's API if the working tree's does not start. */
async function setUp(issuer) {
  let api = buildApi();
  let arms = createArms({ workDir, issuer, api });
  try {
    return { api, arms, prepared: await prepareDatabases({ arms, apiMain: api.main }) };
  } catch (err) {
    // A working tree mid-change may not start; the committed API is then what is shipped.
    if (env.BENCH_API_REF || env.BENCH_API_MAIN) throw err;
    notes.push(`the working-tree API did not start (${String(err.message).slice(0, 120)}); measured HEAD instead`);
    log('the working-tree API did not start; building HEAD instead');
    env.BENCH_API_REF = 'HEAD';
    api = buildApi();
    arms = createArms({ workDir, issuer, api });
    return { api, arms, prepared: await prepareDatabases({ arms, apiMain: api.main }) };
  }
}

async function main() {
  const startedAt = Date.now();
  workDir = mkdtempSync(join(tmpdir(), 'timesheets-bench-'));
  log(
    `work dir ${workDir}; ${ROUNDS} round(s) of ${DURATION} s runs; pinning: ${pinning ? 'load on core 0, servers on core 1' : 'none'}`,
  );
  if (!pinning) notes.push('taskset or a second core unavailable: load generator and servers share cores');
  const issuer = await startIssuer();
  try {
    const { api, arms, prepared } = await setUp(issuer);
    buildProviderAndSpa();
    const tokens = mintTokens(issuer);
    const dbs = copyDatabases(workDir, prepared.files);
    const { oursOpts, oursConfig } = await provisionOurs({ arms, issuer, dbs, authz: prepared.authz });

    if (PROFILE === 'provider') return await profileProvider({ workDir });
    if (PROFILE) return await profileOurs({ scenario: PROFILE, arms, db: dbs.ours, oursOpts, tokens, oursConfig });

    const cold = await coldStart({ arms, db: dbs.ours, oursOpts, token: tokens.valid[1] });
    const scenarios = API_SCENARIOS.filter((x) => !ONLY || ONLY.includes(x));
    const { runs, idleRss, oursLoadRss } = await apiRounds({ arms, dbs, oursOpts, tokens, scenarios });
    const wants = (...names) => !ONLY || names.some((n) => ONLY.includes(n));
    const none = { lines: [], targets: [] };
    // Issue 15: the approvals queue and the week save (domain.mjs).
    const domain = wants('queue', 'week')
      ? await domainBench({
          ...arms,
          call,
          sleep,
          issuer,
          oursOpts,
          quick: QUICK,
          log,
          db1M: dbs.ours1M,
          db100k: dbs.ours,
        })
      : none;
    // Issue 17: a machine client's upload of 1,000 rows (import.mjs).
    const imported = wants('import')
      ? await importBench({ ...arms, call, issuer, oursOpts, quick: QUICK, log, db100k: dbs.ours })
      : none;
    // Issue 16: the hours report and the 1M-row exports (reports.mjs).
    const reports = wants('reports')
      ? await reportsBench({
          apiMain: api.main,
          flags: api.flags,
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
      : none;
    const parts = [domain, imported, reports];
    const accessLogArgs = { arms, db: dbs.ours, oursOpts, tokens };

    if (ONLY) {
      const accessLog = ONLY.includes('accessLog') ? await measureAccessLog(accessLogArgs) : null;
      return printSummary({ parts, accessLog, runs, scenarios });
    }

    const bySize = await pageLatencyBySize({ arms, dbs, oursOpts, token: tokens.valid[0] });
    const accessLog = await measureAccessLog(accessLogArgs);
    const spa = spaBundle();
    const provider = await providerRounds({ workDir });

    const { results, discarded } = aggregate(runs, scenarios);
    const more = parts.flatMap((p) => p.targets);
    const targets = evaluateTargets({ results, bySize, idleRss, oursLoadRss, cold, accessLog, provider, spa, more });
    const oursFlags =
      env.BENCH_OURS_NODE_ARGS !== undefined
        ? `${env.BENCH_OURS_NODE_ARGS} (BENCH_OURS_NODE_ARGS)`
        : api.flags.join(' ') || 'none';
    const table = renderTable({
      results,
      pinning,
      oursConfig,
      oursFlags,
      bySize,
      extraLines: parts.flatMap((p) => p.lines),
      cold,
      jwksRequests: issuer.jwksRequests,
      accessLog,
      idleRss,
      oursLoadRss,
      spa,
      provider,
      targets,
      discarded,
      startedAt,
    });
    console.log(table.join('\n'));
    saveResults({
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
      imports: imported.lines,
      reports: reports.lines,
      coldStartMs: cold,
      rssMb: { idle: idleRss, underLoadMax: oursLoadRss },
      accessLog,
      spa,
      provider,
      targets: targets.map(({ name, value, goal, pass, unit }) => ({ name, value, goal, unit, pass })),
      discarded,
      notes,
      table,
    });
  } finally {
    await issuer.close();
  }
}

pinHarness();
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
