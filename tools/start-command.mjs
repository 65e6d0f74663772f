// How a built app starts "as shipped": the node flags of the `start` script in its dist package.json
// (`node <flags> main.js`, taken from apps/<app>/package.json). Used by `npm start` and by the benchmark.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The node flags before `main.js` in dist/apps/<app>/package.json's start script, or [] when there is none. */
export function shippedNodeFlags(distDir) {
  const file = join(distDir, 'package.json');
  if (!existsSync(file)) return [];
  const start = JSON.parse(readFileSync(file, 'utf8')).scripts?.start;
  const match = typeof start === 'string' ? /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+main\.js$/.exec(start.trim()) : null;
  if (typeof start === 'string' && !match)
    throw new Error(`${file}: start script "${start}" is not "node [--flags] main.js"`);
  return match ? match[1].trim().split(/\s+/).filter(Boolean) : [];
}
