#!/usr/bin/env node
// Writes brotli (.br) and gzip (.gz) variants next to the text files of an SPA build, once at build time, so that the
// web server (@fastify/static with preCompressed) sends them without compressing on every request.
//
//   node tools/web/precompress.mjs dist/apps/web/browser      (what `npx nx run web:precompress` runs)
//
// Skipped: files under 1 kB, variants that would not be smaller, index.html (rendered per response with a CSP nonce)
// and config.json (answered from the environment). A locale build's subfolders (en/, de/) are walked too.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|txt|xml|map|ico|webmanifest|wasm)$/i;
const SKIPPED = new Set(['index.html', 'config.json']);
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

function variants(data, name) {
  const text = /\.(?:js|mjs|css|html|json|svg|txt|xml|map|webmanifest)$/i.test(name);
  return {
    br: brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gz: gzipSync(data, { level: constants.Z_BEST_COMPRESSION }),
  };
}

export function precompress(root) {
  const totals = { files: 0, raw: 0, br: 0, gz: 0 };
  for (const path of files(root)) {
    const name = basename(path);
    if (!COMPRESSIBLE.test(name) || SKIPPED.has(name)) continue;
    const data = readFileSync(path);
    if (data.length < MIN_BYTES) continue;
    totals.files++;
    totals.raw += data.length;
    for (const [ext, packed] of Object.entries(variants(data, name))) {
      const target = `${path}.${ext}`;
      if (packed.length < data.length) {
        writeFileSync(target, packed);
        totals[ext] += packed.length;
      } else {
        rmSync(target, { force: true });
        totals[ext] += data.length;
      }
    }
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const roots = process.argv.slice(2);
  if (roots.length === 0) {
    console.error('usage: node tools/web/precompress.mjs <build folder> [...]');
    process.exit(2);
  }
  for (const root of roots) {
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
      console.error(`precompress: ${root} is not a folder (build the SPA first: npx nx build web)`);
      process.exit(1);
    }
    const t = precompress(root);
    const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
    console.log(`precompress: ${root}: ${t.files} files, ${kb(t.raw)} -> brotli ${kb(t.br)}, gzip ${kb(t.gz)}`);
  }
}
