import type { DataSource } from 'typeorm';
import { SqliteAccess, type SqliteConnection } from '@timesheets/server-core';

export type { SqliteConnection, SqliteStatement } from '@timesheets/server-core';

/**
 * The better-sqlite3 connection behind a data source when its database is SQLite and no other transaction holds it
 * (see SqliteAccess in server-core); else null, and the stores take their TypeORM path (PostgreSQL, or statements
 * that wait for the transaction gate).
 */
export function sqliteConnectionOf(dataSource: DataSource): SqliteConnection | null {
  return SqliteAccess.of(dataSource)?.now() ?? null;
}
