#!/usr/bin/env node
// Online backup and restore of the SQLite databases (the default deployment).
//
//   node tools/db/sqlite-backup.mjs backup  <database.sqlite> [backup-file]   safe while the app runs (SQLite online backup API)
//   node tools/db/sqlite-backup.mjs restore <backup-file> <database.sqlite>   stop the app first; keeps the old file as .before-restore
//   node tools/db/sqlite-backup.mjs verify  <file>                            integrity check
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function fail(message) {
  console.error(`sqlite-backup: ${message}`);
  process.exit(1);
}

function verify(file) {
  if (!existsSync(file)) fail(`${file} does not exist`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') fail(`${file} failed the integrity check: ${result}`);
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get().n;
    return tables;
  } finally {
    db.close();
  }
}

const [command, a, b] = process.argv.slice(2);
if (command === 'backup') {
  if (!a) fail('usage: backup <database.sqlite> [backup-file]');
  const source = resolve(a);
  const target = resolve(
    b ??
      `backups/${source
        .split('/')
        .pop()
        .replace(/\.sqlite$/, '')}-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`,
  );
  if (!existsSync(source)) fail(`${source} does not exist`);
  mkdirSync(dirname(target), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  await db.backup(target);
  db.close();
  const tables = verify(target);
  console.log(`backed up ${source} to ${target} (${tables} tables, integrity ok)`);
} else if (command === 'restore') {
  if (!a || !b) fail('usage: restore <backup-file> <database.sqlite>   (stop the application first)');
  const backup = resolve(a);
  const target = resolve(b);
  verify(backup);
  if (existsSync(target)) {
    // Refuse while another process holds the database: an exclusive lock would fail.
    const db = new Database(target, { fileMustExist: true, timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE; COMMIT;');
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      fail(`${target} is in use; stop the application before restoring`);
    } finally {
      db.close();
    }
    renameSync(target, `${target}.before-restore`);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(backup, target);
  console.log(
    `restored ${backup} to ${target}${existsSync(`${target}.before-restore`) ? ` (previous file kept as ${target}.before-restore)` : ''}`,
  );
} else if (command === 'verify') {
  if (!a) fail('usage: verify <file>');
  console.log(`${a}: integrity ok, ${verify(resolve(a))} tables`);
} else {
  fail('usage: sqlite-backup.mjs backup|restore|verify ...');
}
