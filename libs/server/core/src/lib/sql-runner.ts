import type { DataSource, EntityManager } from 'typeorm';
import { SqliteAccess } from './sqlite-access';

export type Dialect = 'sqlite' | 'postgres';

/** A bound parameter. Booleans are bound as 1/0 on SQLite (which has no boolean type). */
export type SqlValue = string | number | boolean | null;

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/** `?` placeholders become `$1, $2, ...` for PostgreSQL (the SQL given here never has `?` inside a literal). */
export function placeholders(sql: string, dialect: Dialect): string {
  if (dialect === 'sqlite') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** WHERE clauses and their parameters, added in order. */
export class Filters {
  readonly clauses: string[] = [];
  readonly params: SqlValue[] = [];

  add(clause: string, ...values: SqlValue[]): this {
    this.clauses.push(clause);
    this.params.push(...values);
    return this;
  }

  /** `column IN (?, ?, ...)`; an empty list matches nothing. */
  in(column: string, values: readonly SqlValue[]): this {
    if (values.length === 0) return this.add('1 = 0');
    return this.add(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);
  }

  get sql(): string {
    return this.clauses.length === 0 ? '1 = 1' : this.clauses.join(' AND ');
  }
}

/**
 * Runs hand-written SQL (with `?` placeholders) on either engine: on SQLite as statements prepared once on the shared
 * connection, after the transaction gate (SqliteAccess); on PostgreSQL through TypeORM, in the given transaction's
 * manager when there is one. Repositories use it for the paths where TypeORM's query building costs more than the
 * database's own work.
 */
export class SqlRunner {
  readonly dialect: Dialect;
  private readonly sqlite: SqliteAccess | null;

  constructor(private readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
    this.sqlite = SqliteAccess.of(dataSource);
  }

  /**
   * Rows as arrays, in column order. `m`: the transaction to run in (SQLite shares its one connection anyway). On
   * PostgreSQL rows arrive as objects: give every column a distinct name (alias them).
   */
  async rows(sql: string, params: readonly SqlValue[], m?: EntityManager): Promise<unknown[][]> {
    if (this.sqlite) {
      await this.sqlite.ready();
      return this.sqlite.statement(sql, { raw: true }).all(...bind(params)) as unknown[][];
    }
    const rows: Record<string, unknown>[] = await (m ?? this.dataSource.manager).query(placeholders(sql, 'postgres'), [
      ...params,
    ]);
    return rows.map((r) => Object.values(r));
  }

  /** Rows as objects keyed by column name (or alias). */
  async objects<T>(sql: string, params: readonly SqlValue[], m?: EntityManager): Promise<T[]> {
    if (this.sqlite) {
      await this.sqlite.ready();
      return this.sqlite.statement(sql).all(...bind(params)) as T[];
    }
    return (m ?? this.dataSource.manager).query(placeholders(sql, 'postgres'), [...params]);
  }

  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  async run(sql: string, params: readonly SqlValue[], m?: EntityManager): Promise<number> {
    if (this.sqlite) {
      await this.sqlite.ready();
      return this.sqlite.statement(sql).run(...bind(params)).changes;
    }
    const runner = m?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(placeholders(sql, 'postgres'), [...params], true);
      return (result as { affected?: number }).affected ?? 0;
    } finally {
      if (runner !== m?.queryRunner) await runner.release();
    }
  }
}

function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

/** True for a unique-constraint violation on SQLite or PostgreSQL (a concurrent insert of the same key). */
export function isUniqueViolation(e: unknown): boolean {
  const err = (e as { driverError?: { code?: string; message?: string } } | null)?.driverError;
  return (
    err?.code === '23505' ||
    err?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(err?.message ?? '')
  );
}
