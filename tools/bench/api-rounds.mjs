// The API against its comparison arms: cold start, the rounds of scenarios (every arm fresh each round, each
// scenario A B C in turn), page latency by table size, and the access log's cost.
import { accessLogCost } from './access-log.mjs';
import { call } from './harness.mjs';
import { fixedLoad, load, paceLatency } from './load.mjs';
import { rssMb } from './proc.mjs';
import { ARMS, LIST_PATH, log, notes, ONLY, QUICK, REJECT_DURATION, ROUNDS, sleep } from './settings.mjs';

export const API_SCENARIOS = ['list1000', 'list1', 'post', 'mix', 'noToken', 'badSig', 'expired', 'noScope', 'fixed'];
const REJECTION = new Set(['noToken', 'badSig', 'expired', 'noScope']);

/** Spawn to the first authenticated 200 (the JWKS fetch happens on that first request), in ms; none for ONLY. */
export async function coldStart({ arms, db, oursOpts, token }) {
  log('cold start');
  const cold = [];
  const coldRuns = ONLY ? 0 : QUICK ? 1 : 3;
  for (let i = 0; i < coldRuns; i++) {
    const p = await arms.spawnArm('ours', db, oursOpts);
    for (;;) {
      if (p.exited) throw new Error('ours exited during cold start');
      const r = await call(p.port, 'GET', LIST_PATH, { token }).catch(() => null);
      if (r && r.status === 200) break;
      if (r && r.status !== 200 && r.status !== 503) throw new Error(`cold start: ${r.status} ${r.text.slice(0, 300)}`);
      await sleep(5);
    }
    cold.push(Number(process.hrtime.bigint() - p.started) / 1e6);
    await arms.stop(p);
  }
  return cold;
}

/**
 * Every round: the three arms fresh, the same first page from each (shape and content compared once), then each
 * scenario against each arm in turn. Returns `{ runs, idleRss, oursLoadRss }`, `runs[scenario][arm]` a result per
 * round.
 */
export async function apiRounds({ arms, dbs, oursOpts, tokens, scenarios }) {
  const runs = {};
  const idleRss = [];
  let oursLoadRss = 0;
  let shapeChecked = false;
  for (let round = 1; round <= ROUNDS; round++) {
    log(`round ${round}/${ROUNDS}`);
    const procs = {};
    for (const arm of ARMS) {
      procs[arm] = await arms.spawnArm(arm, dbs[arm], arm === 'ours' ? oursOpts : {});
    }
    for (const arm of ARMS) await arms.waitReady(procs[arm]);
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
        if (REJECTION.has(s) && arm === 'limit') continue;
        let opts = REJECTION.has(s) ? { duration: REJECT_DURATION } : {};
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
    for (const arm of ARMS) await arms.stop(procs[arm]);
  }
  return { runs, idleRss, oursLoadRss };
}

/** Page latency of "ours" one request at a time at a steady pace, in the 1k, 100k and 1M databases. */
export async function pageLatencyBySize({ arms, dbs, oursOpts, token }) {
  log('page latency by table size');
  const bySize = {};
  for (const [label, db] of [
    ['1k', dbs.ours1k],
    ['100k', dbs.ours],
    ['1M', dbs.ours1M],
  ]) {
    const p = await arms.spawnArm('ours', db, oursOpts);
    await arms.waitReady(p);
    await call(p.port, 'GET', LIST_PATH, { token });
    await paceLatency(p.port, token, { count: 300, perSecond: 1000 }); // warm-up
    bySize[label] = await paceLatency(p.port, token, { count: QUICK ? 500 : 2000, perSecond: 400 });
    await arms.stop(p);
  }
  return bySize;
}

/** The list with 1,000 tokens against "ours" with the access log off and on (access-log.mjs). */
export function measureAccessLog({ arms, db, oursOpts, tokens }) {
  log('access log off / on (list, 1,000 tokens)');
  return accessLogCost({
    spawnOurs: ({ accessLog: on }) => arms.spawnArm('ours', db, { ...oursOpts, accessLog: on }),
    waitReady: arms.waitReady,
    load: (proc, scenario) => load(proc, scenario, tokens),
    stop: arms.stop,
    rounds: ROUNDS,
    log,
  });
}
