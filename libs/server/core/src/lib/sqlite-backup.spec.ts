import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The operator's backup and restore command (tools/db/sqlite-backup.mjs), run as a real process on real files. */
describe('tools/db/sqlite-backup.mjs', () => {
  const cli = join(__dirname, '../../../../../tools/db/sqlite-backup.mjs');
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'backup-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', stdio: 'pipe' });

  it('backs up a live WAL database and restores it', () => {
    const file = join(dir, 'api.sqlite');
    const live = new Database(file);
    live.pragma('journal_mode = WAL');
    live.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('before')");
    expect(run('backup', file, join(dir, 'b.sqlite'))).toContain('integrity ok');
    live.exec("INSERT INTO t VALUES ('after')");

    // Restore is refused while the database is in use.
    live.exec('BEGIN EXCLUSIVE');
    expect(() => run('restore', join(dir, 'b.sqlite'), file)).toThrow(/in use/);
    live.exec('COMMIT');
    live.close();

    expect(run('restore', join(dir, 'b.sqlite'), file)).toContain('restored');
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT v FROM t').all()).toEqual([{ v: 'before' }]);
    db.close();
    expect(existsSync(`${file}.before-restore`)).toBe(true);
  });

  it('refuses a corrupt backup', () => {
    const bad = join(dir, 'bad.sqlite');
    writeFileSync(bad, 'not a database');
    expect(() => run('verify', bad)).toThrow();
  });
});
