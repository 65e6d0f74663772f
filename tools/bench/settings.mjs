// What a bench run is: the settings read from the environment (see README.md), where the harness and the servers
// run (load generator on core 0, servers on core 1), the run's notes, and small helpers every part uses.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '../..');
const env = process.env;
export const QUICK = env.BENCH_QUICK === '1';
export const ROUNDS = Number(env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
export const DURATION = Number(env.BENCH_DURATION ?? (QUICK ? 2 : 5));
export const WARMUP = QUICK ? 0.5 : 1;
export const REJECT_DURATION = Math.max(1, Math.round(DURATION * 0.6));
export const CONNECTIONS = 32;
/** A round farther than this factor from the median of its cell is discarded (and listed). */
export const SPREAD = 1.3;
/** BENCH_PROFILE=<scenario> (list1000, list1, post, mix, badSig, ..., provider): a CPU profile instead of the run. */
export const PROFILE = env.BENCH_PROFILE;
/** BENCH_SCENARIOS=list1000,post (development): only those loads, a short summary, nothing saved. */
export const ONLY = env.BENCH_SCENARIOS ? env.BENCH_SCENARIOS.split(',') : null;
export const SIZES = [
  ['1k', 1_000],
  ['100k', 100_000],
  ['1M', 1_000_000],
];
export const ARMS = ['limit', 'peer', 'ours'];
export const POLICY_KEY = 'bench-policy-key-0123456789';
export const RATE_LIMIT_MAX = 10_000_000;
export const FULL_SCOPE = 'read:timesheets create:timesheets delete:timesheets';
export const LIST_PATH = '/api/timesheets?limit=50';

export const log = (...a) => console.error('[bench]', ...a);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** What the run noticed on the way (printed under the table and saved with the results). */
export const notes = [];

// The load generator runs on core 0 and every server on core 1.
const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
export const pinning = hasTaskset && cpus().length >= 2;
/** BENCH_NICE=-10 (as root) runs the load generator and the servers ahead of other work on a shared machine. */
export const NICE = env.BENCH_NICE ? ['nice', '-n', String(Number(env.BENCH_NICE))] : [];

/**
 * Runs the harness itself on core 0 (at BENCH_NICE): re-executes this process pinned and exits with its status, so
 * it returns only inside the pinned process (or where pinning is unavailable).
 */
export function pinHarness() {
  if (env.BENCH_PINNED === '1') return;
  if (NICE.length) {
    // With scheduler autogroups, nice only ranks processes within a session; the session's group gets the same value.
    try {
      if (readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1')
        writeFileSync('/proc/self/autogroup', String(Number(env.BENCH_NICE)));
    } catch {
      // not Linux, or not allowed: per-process nice only
    }
  }
  if (pinning) {
    const cmd = [...NICE, 'taskset', '-c', '0', process.execPath, ...process.argv.slice(1)];
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...env, BENCH_PINNED: '1' } });
    process.exit(r.status ?? 1);
  }
}
