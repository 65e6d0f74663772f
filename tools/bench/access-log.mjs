// The cost of the access log: the list with 1,000 tokens against "ours" started with ACCESS_LOG=false and with
// ACCESS_LOG=true (one JSON line per request through pino, asynchronously, to the arm's log file), fresh processes
// each round, the two arms interleaved. The goal: logging on costs at most 5% of the list rate.

/**
 * @param {object} h the harness: spawnOurs({ accessLog }) -> proc, waitReady(proc), load(proc, scenario) -> { rps,
 *   cpuUs }, stop(proc), rounds, log
 * @returns {Promise<{ off: number[], on: number[], cpuOff: number[], cpuOn: number[] }>} req/s and µs CPU per request,
 *   per round
 */
export async function accessLogCost({ spawnOurs, waitReady, load, stop, rounds, log }) {
  const result = { off: [], on: [], cpuOff: [], cpuOn: [] };
  for (let round = 1; round <= rounds; round++) {
    // Alternate which arm goes first, so that neither always runs on the warmer machine.
    const order = round % 2 === 1 ? [false, true] : [true, false];
    for (const accessLog of order) {
      const proc = await spawnOurs({ accessLog });
      await waitReady(proc);
      const r = await load(proc, 'list1000');
      await stop(proc);
      (accessLog ? result.on : result.off).push(r.rps);
      (accessLog ? result.cpuOn : result.cpuOff).push(r.cpuUs);
      log(
        `  access log ${accessLog ? 'on ' : 'off'} ${r.rps.toFixed(0).padStart(6)} req/s  ${r.cpuUs.toFixed(0)} us CPU/req`,
      );
    }
  }
  return result;
}
