// Summarises a .cpuprofile: top self-time functions and self time by package.
// Usage: node profile-summary.mjs FILE [N] [LAST_SECONDS] (only the samples of the profile's last LAST_SECONDS).
import { readFileSync } from 'node:fs';

export function summarise(file, top = 25, lastSeconds = Infinity) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = new Map();
  // lastSeconds: skip the samples before the window (start-up and set-up, when only the load is of interest).
  const from = prof.endTime - lastSeconds * 1e6;
  let at = prof.startTime;
  prof.samples.forEach((id, i) => {
    at += prof.timeDeltas[i] ?? 0;
    if (at >= from) dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
  });
  let total = 0;
  for (const [id, us] of dt) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const where = cf.url
      ? `${cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|tools)\//, '$1/')}:${cf.lineNumber + 1}`
      : '';
    const key = `${cf.functionName || '(anonymous)'} ${where}`;
    self.set(key, (self.get(key) ?? 0) + us);
    total += us;
  }
  // Inclusive time: each sample counts once for every distinct function on its stack.
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) => {
    const cf = n.callFrame;
    const where = cf.url
      ? `${cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|tools)\//, '$1/')}:${cf.lineNumber + 1}`
      : '';
    return `${cf.functionName || '(anonymous)'} ${where}`;
  };
  const incl = new Map();
  for (const [id, us] of dt) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = keyOf(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + us);
    }
  }
  const pkg = new Map();
  for (const [key, us] of self) {
    const m = / (@[^/]+\/[^/]+|[^/ ]+)\//.exec(key);
    const name = key.startsWith('(')
      ? key.split(' ')[0]
      : m
        ? m[1]
        : key.includes(' node:')
          ? 'node internals'
          : 'other';
    pkg.set(name, (pkg.get(name) ?? 0) + us);
  }
  const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + '%';
  const window = Number.isFinite(lastSeconds) ? ` (its last ${lastSeconds} s)` : '';
  const lines = [`profile ${file}${window}: ${(total / 1e6).toFixed(1)} s sampled`, 'top self time:'];
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${k}`);
  lines.push('inclusive time (named functions of the app and frameworks):');
  const interesting =
    /nestjs|fastify|typeorm|class-|passport|jsonwebtoken|main\.js|avvio|cors|sqlite|oidc-provider|koa/;
  for (const [k, us] of [...incl]
    .filter(([k]) => interesting.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`  ${pct(us)}  ${k}`);
  lines.push('self time by package:');
  for (const [k, us] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(us)}  ${k}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  console.log(summarise(process.argv[2], Number(process.argv[3] ?? 25), Number(process.argv[4] ?? Infinity)));
}
