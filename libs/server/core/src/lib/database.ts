import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import * as pg from 'pg';
import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';

export type DatabaseTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'sqlite-memory' }
  | { kind: 'postgres'; url: string };

/**
 * Parses `DATABASE_URL`: `sqlite:PATH` (relative to the working directory), `sqlite::memory:`,
 * or `postgres://` / `postgresql://`. Throws with a message naming the variable otherwise.
 */
export function parseDatabaseUrl(value: string, variable = 'DATABASE_URL'): DatabaseTarget {
  if (value === 'sqlite::memory:') return { kind: 'sqlite-memory' };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error(`${variable} must name a file after "sqlite:" (got "${value}")`);
    return { kind: 'sqlite', path: resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new Error(`${variable} is not a valid PostgreSQL URL`);
    }
    return { kind: 'postgres', url: value };
  }
  throw new Error(`${variable} must be sqlite:PATH, sqlite::memory: or postgres://... (got "${redactUrl(value)}")`);
}

/** Hides the password of a URL for logs and error messages. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

export interface DataSourceParts {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Tests may ask for logging of SQL. */
  logging?: boolean;
  /** Migrations run when the data source initialises (the default). */
  migrationsRun?: boolean;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/** TypeORM options for a target: SQLite through better-sqlite3 with WAL and a busy timeout, or PostgreSQL through pg. */
export function dataSourceOptions(target: DatabaseTarget, parts: DataSourceParts): DataSourceOptions {
  const common = {
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsRun: parts.migrationsRun ?? true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: parts.logging ?? false,
  };
  if (target.kind === 'postgres') {
    // Drivers are handed to TypeORM rather than looked up by name, which a bundled build could not resolve.
    return { ...common, type: 'postgres', url: target.url, poolSize: parts.poolSize ?? 10, driver: pg };
  }
  if (target.kind === 'sqlite') mkdirSync(dirname(target.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    driver: BetterSqlite3,
    database: target.kind === 'sqlite' ? target.path : ':memory:',
    enableWAL: target.kind === 'sqlite',
    timeout: 5000,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // WAL with NORMAL sync survives a process crash; a busy timeout lets a second process wait for the lock.
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      if (target.kind === 'sqlite') db.pragma('synchronous = NORMAL');
    },
  };
}
