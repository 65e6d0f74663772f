// BENCH_PROFILE: a CPU profile instead of the run, written to results/profiles/ with a summary of the hottest
// functions (profile-summary.mjs): of "ours" under one scenario's load, or of the provider's grants.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './harness.mjs';
import { load } from './load.mjs';
import { summarise } from './profile-summary.mjs';
import { providerGrantRate } from './provider.mjs';
import { DURATION, HERE, log, NICE, pinning, ROOT } from './settings.mjs';

const PROFILES = join(HERE, 'results', 'profiles');

/** Runs `measure` and returns the name of the .cpuprofile it wrote. */
async function newProfile(measure) {
  mkdirSync(PROFILES, { recursive: true });
  const before = new Set(readdirSync(PROFILES));
  const result = await measure();
  const file = readdirSync(PROFILES).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
  return { result, file };
}

/** "ours" under `scenario` for BENCH_DURATION seconds (10 by default). */
export async function profileOurs({ scenario, arms, db, oursOpts, tokens, oursConfig }) {
  const { result: r, file } = await newProfile(async () => {
    const p = await arms.spawnArm('ours', db, { ...oursOpts, profile: true });
    await arms.waitReady(p);
    const seconds = Number(process.env.BENCH_DURATION ?? 10);
    const measured = await load(p, scenario, tokens, { duration: seconds });
    const status = readFileSync(`/proc/${p.pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
    log(
      `${scenario}: ${measured.rps.toFixed(0)} req/s, p99 ${measured.p99} ms, codes ${JSON.stringify(measured.codes)} (${oursConfig})`,
    );
    log(
      `RSS max under load ${p.maxRss.toFixed(0)} MB; now VmRSS ${kb('VmRSS').toFixed(0)} MB (anon ${kb('RssAnon').toFixed(0)}, file ${kb('RssFile').toFixed(0)}), VmHWM ${kb('VmHWM').toFixed(0)} MB`,
    );
    await arms.stopProfiled(p);
    return measured;
  });
  if (!file) throw new Error('no profile written');
  const text = `${scenario}: ${r.rps.toFixed(0)} req/s under profiling\n` + summarise(join(PROFILES, file), 30);
  writeFileSync(join(PROFILES, `${scenario}.txt`), text + '\n');
  console.log(text);
}

/** The provider's refresh grants (provider.mjs) with its CPU profiled. */
export async function profileProvider({ workDir }) {
  const { result: r, file } = await newProfile(() =>
    providerGrantRate({
      root: ROOT,
      workDir,
      duration: DURATION,
      pin: pinning,
      nice: NICE,
      freePort,
      log,
      profileDir: PROFILES,
    }),
  );
  const text =
    `provider: ${JSON.stringify(r)}\n` + (file ? summarise(join(PROFILES, file), 30, DURATION) : 'no profile written');
  writeFileSync(join(PROFILES, 'provider.txt'), text + '\n');
  console.log(text);
}
