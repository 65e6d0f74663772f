import BetterSqlite3 from 'better-sqlite3';
import Cursor from 'pg-cursor';
import type { DataSource } from 'typeorm';
import type { PoolClient } from 'pg';
import { type SqlValue, SqliteAccess } from '@timesheets/server-core';

/** Rows read per step of a cursor: the memory an export holds at once, whatever its size. */
export const CURSOR_BATCH = 1000;

/**
 * Reads a query's rows (as arrays, in column order) in batches from a database cursor, so that an export of a million
 * rows holds one batch at a time:
 * - SQLite: better-sqlite3's `iterate()` on a read-only connection of its own (WAL: it reads one snapshot while the
 *   API's connection goes on writing; an open iterator on the shared connection would block every other request);
 *   an in-memory database has no second connection, so its rows are read at once (tests and demos only);
 * - PostgreSQL: a pg-cursor (server-side portal) on a pooled connection of its own.
 * Stopping early (`return()` on the iterator: the client went away) closes the cursor and gives the connection back.
 */
export async function* readRows(
  db: DataSource,
  sql: string,
  params: readonly SqlValue[],
): AsyncGenerator<unknown[][], void, undefined> {
  const sqlite = SqliteAccess.of(db);
  const bound = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  if (sqlite) {
    const file = db.options.database as string;
    if (file === ':memory:') {
      await sqlite.ready();
      const rows = sqlite.statement(sql, { raw: true }).all(...bound) as unknown[][];
      for (let i = 0; i < rows.length; i += CURSOR_BATCH) yield rows.slice(i, i + CURSOR_BATCH);
      return;
    }
    const connection = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      connection.pragma('busy_timeout = 5000');
      const iterator = connection
        .prepare(sql)
        .raw(true)
        .iterate(...bound) as IterableIterator<unknown[]>;
      try {
        for (;;) {
          const batch: unknown[][] = [];
          let next = iterator.next();
          while (!next.done) {
            batch.push(next.value);
            if (batch.length === CURSOR_BATCH) break;
            next = iterator.next();
          }
          if (batch.length > 0) yield batch;
          if (next.done) return;
        }
      } finally {
        iterator.return?.();
      }
    } finally {
      connection.close();
    }
  }
  const runner = db.createQueryRunner('slave');
  try {
    const client = (await runner.connect()) as PoolClient;
    const cursor = client.query(new Cursor<unknown[]>(sql, [...params], { rowMode: 'array' }));
    try {
      for (;;) {
        const batch = await cursor.read(CURSOR_BATCH);
        if (batch.length === 0) return;
        yield batch;
      }
    } finally {
      await cursor.close();
    }
  } finally {
    await runner.release();
  }
}
