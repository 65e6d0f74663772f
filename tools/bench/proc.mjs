// What Linux's /proc says about a process or a core: CPU time, resident memory, time stolen by the hypervisor.
// Shared by the harness (run.mjs) and the provider measurement (provider.mjs). Each returns NaN where /proc is absent.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** Time the hypervisor took from a core (steal, /proc/stat), in ms: a virtual machine's noise, shown beside p99s. */
export function stealMs(core) {
  try {
    const line = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`cpu${core} `));
    return line ? (Number(line.trim().split(/\s+/)[8]) * 1000) / CLOCK_TICKS : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) the process has used, in microseconds (from /proc, in clock ticks, usually 10 ms). */
export function cpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Resident set size (VmRSS) in MB. */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Peak resident set size of the process so far (VmHWM) in MB. */
export function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
