// Preloaded with `node --require` by the tests of the built apps: appends to the file named by RECORD_PACKAGE_LOADS
// the name of every package that the entry script itself (process.argv[1], a dist/apps/*/main.js) requires and finds,
// one a line, as it happens (so a process ended by a signal has written them too).
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const { resolve } = require('node:path');

const entry = resolve(process.argv[1]);
const out = process.env.RECORD_PACKAGE_LOADS;
const seen = new Set();
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function (request, parent, ...rest) {
  const file = resolveFilename.call(this, request, parent, ...rest);
  const bare = !Module.isBuiltin(request) && !request.startsWith('.') && !request.startsWith('/');
  if (out && bare && parent?.filename === entry) {
    const parts = request.split('/');
    const name = request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    if (!seen.has(name)) {
      seen.add(name);
      appendFileSync(out, `${name}\n`);
    }
  }
  return file;
};
