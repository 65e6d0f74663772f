import type { DataSource } from 'typeorm';
import { sqliteGate } from './sqlite-transactions';

/** The parts of a better-sqlite3 statement the servers use. */
export interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
  /** Rows as arrays in column order instead of objects. */
  raw(toggle?: boolean): SqliteStatement;
}

/** The parts of a better-sqlite3 connection the servers use. */
export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
}

const accesses = new WeakMap<DataSource, SqliteAccess>();

/**
 * Raw access to the better-sqlite3 connection behind a TypeORM data source: the one way the API and the provider
 * reach into the driver.
 *
 * TypeORM's better-sqlite3 driver keeps exactly one connection per data source and runs every query on it, so
 * statements prepared on it see (and take part in) the same state as TypeORM's own queries, including an open
 * transaction. The hot paths use such prepared statements because TypeORM's query building costs more than SQLite's
 * own work. Because that connection is shared, a statement from outside a transaction must wait while another
 * request's transaction holds it (see guardSqliteTransactions): `ready()` waits, `now()` declines.
 */
export class SqliteAccess {
  private readonly prepared = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

  private constructor(private readonly dataSource: DataSource) {}

  /** The access for an SQLite data source; null for any other database (PostgreSQL has real connections). */
  static of(dataSource: DataSource): SqliteAccess | null {
    if (dataSource.options.type !== 'better-sqlite3') return null;
    let access = accesses.get(dataSource);
    if (!access) accesses.set(dataSource, (access = new SqliteAccess(dataSource)));
    return access;
  }

  /** The driver's connection; it exists from `initialize()` to `destroy()`. */
  get connection(): SqliteConnection {
    const connection = (this.dataSource.driver as unknown as { databaseConnection?: SqliteConnection })
      .databaseConnection;
    if (!connection) throw new Error('The SQLite data source is not initialized');
    return connection;
  }

  /**
   * Resolves once no other request's transaction holds the connection; null when it is free now (or the caller is
   * inside the transaction that holds it), so that the common case costs no promise.
   */
  ready(): Promise<void> | null {
    return sqliteGate(this.dataSource)?.wait() ?? null;
  }

  /**
   * The connection if it may be used right now, else null: for synchronous callers that have another way (TypeORM's
   * query runner, whose statements wait for the transaction gate).
   */
  now(): SqliteConnection | null {
    return sqliteGate(this.dataSource)?.blocked ? null : this.connection;
  }

  /** A statement prepared once per connection and SQL text; `raw` ones return rows as arrays in column order. */
  statement(sql: string, { raw = false }: { raw?: boolean } = {}): SqliteStatement {
    const connection = this.connection;
    let cache = this.prepared.get(connection);
    if (!cache) this.prepared.set(connection, (cache = new Map()));
    const key = raw ? `raw\n${sql}` : sql;
    let stmt = cache.get(key);
    if (!stmt) {
      stmt = connection.prepare(sql);
      if (raw) stmt.raw(true);
      cache.set(key, stmt);
    }
    return stmt;
  }
}
