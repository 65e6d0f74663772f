// The provider's figures over rounds: a fresh instance (and database) per round (provider.mjs); the medians count.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './harness.mjs';
import { providerGrantRate } from './provider.mjs';
import { DURATION, log, median, NICE, pinning, ROOT, ROUNDS } from './settings.mjs';

/** Refresh and client-credentials grants per second, CPU per grant and the cost of a login; `{ note }` when it could not be measured. */
export async function providerRounds({ workDir }) {
  log('provider refresh-token grants');
  const providerRuns = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = await providerGrantRate({
      root: ROOT,
      workDir: mkdtempSync(join(workDir, 'idp-')),
      duration: DURATION,
      pin: pinning,
      nice: NICE,
      freePort,
      log,
    });
    providerRuns.push(r);
    if (r.grantsPerSecond === undefined) break;
  }
  const measured = providerRuns.filter((r) => r.grantsPerSecond !== undefined);
  if (!measured.length) return { note: providerRuns[0]?.note ?? 'n/a: not measured' };
  return {
    grantsPerSecond: median(measured.map((r) => r.grantsPerSecond)),
    min: Math.min(...measured.map((r) => r.grantsPerSecond)),
    max: Math.max(...measured.map((r) => r.grantsPerSecond)),
    cpuMsPerGrant: median(measured.map((r) => r.cpuMsPerGrant)),
    busy: median(measured.map((r) => r.busy)),
    login: {
      cpuMs: median(measured.map((r) => r.login.cpuMs)),
      wallMs: median(measured.map((r) => r.login.wallMs)),
      idleRssMb: median(measured.map((r) => r.login.idleRssMb)),
      peakRssMb: Math.max(...measured.map((r) => r.login.peakRssMb)),
    },
    clientCredentials: {
      grantsPerSecond: median(measured.map((r) => r.clientCredentials.grantsPerSecond)),
      min: Math.min(...measured.map((r) => r.clientCredentials.grantsPerSecond)),
      max: Math.max(...measured.map((r) => r.clientCredentials.grantsPerSecond)),
      cpuMsPerGrant: median(measured.map((r) => r.clientCredentials.cpuMsPerGrant)),
      busy: median(measured.map((r) => r.clientCredentials.busy)),
    },
    runs: measured,
  };
}
