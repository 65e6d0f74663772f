import { spawnSync } from 'node:child_process';

/**
 * The native SQLite driver as this Node.js runs it. better-sqlite3 12 compiled against the headers of Node 24.19 or
 * later aborts the process as soon as V8 collects a statement outside JavaScript (nodejs/node#65446), which ordinary
 * load does within a second; tools/ci/node24.sh says how it is built instead. Run in a child process, since the abort
 * cannot be caught.
 */
describe('better-sqlite3 on this Node.js', () => {
  it('survives prepared statements collected by the garbage collector between event-loop turns', () => {
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(':memory:');
      let round = 0;
      (function next() {
        for (let i = 0; i < 5000; i++) db.prepare('SELECT ' + (i % 100)).get();
        if (++round < 40) setImmediate(next);
        else { db.close(); process.stdout.write('done'); }
      })();`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect({ status: child.status, signal: child.signal, stderr: child.stderr.split('\n').slice(0, 3) }).toEqual({
      status: 0,
      signal: null,
      stderr: [''],
    });
    expect(child.stdout).toBe('done');
  });
});
