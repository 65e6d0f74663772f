import type { DataSource } from 'typeorm';

/** The part of a better-sqlite3 statement the stores use. */
export interface SqliteStatement {
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}

/** The part of a better-sqlite3 database connection the stores use. */
export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
}

/**
 * The better-sqlite3 connection behind a data source when its database is SQLite, else null (PostgreSQL).
 *
 * TypeORM's better-sqlite3 driver keeps exactly one connection per data source and runs every query on it, so
 * statements prepared on it see (and take part in) the same state as TypeORM's own queries. The hot paths of the
 * provider use such prepared statements: TypeORM's query builder costs far more than the SQLite work itself.
 */
export function sqliteConnectionOf(dataSource: DataSource): SqliteConnection | null {
  if (dataSource.options.type !== 'better-sqlite3') return null;
  return (dataSource.driver as unknown as { databaseConnection?: SqliteConnection }).databaseConnection ?? null;
}
