import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Keeps SQLite transactions to themselves.
 *
 * TypeORM runs everything on SQLite through one connection. While one request's transaction waits between its
 * statements, another request's statements would run on that connection *inside* it: a rollback then takes back
 * another user's acknowledged write, and readers see uncommitted rows. The gate lets one transaction at a time hold
 * the connection; statements from outside it wait until it has committed or rolled back, and the next transaction
 * starts only after those waiting statements have run.
 */
export class SqliteTransactionGate {
  private readonly context = new AsyncLocalStorage<object>();
  private holder: object | null = null;
  private readonly transactions: (() => void)[] = [];
  private bystanders: (() => void)[] = [];

  /** True while a transaction other than the caller's holds the connection. */
  get blocked(): boolean {
    return this.holder !== null && this.context.getStore() !== this.holder;
  }

  /** Null when the caller may use the connection now; else a promise that resolves when it may. */
  wait(): Promise<void> | null {
    return this.blocked ? this.waitUntilFree() : null;
  }

  /** Runs `work` as the connection's only transaction (a transaction inside it simply runs). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.holder !== null && this.context.getStore() === this.holder) return work();
    const token = {};
    await this.acquire(token);
    try {
      return await this.context.run(token, work);
    } finally {
      this.release();
    }
  }

  private async waitUntilFree(): Promise<void> {
    while (this.blocked) await new Promise<void>((resolve) => this.bystanders.push(resolve));
  }

  private acquire(token: object): Promise<void> {
    if (this.holder === null && this.transactions.length === 0) {
      this.holder = token;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.transactions.push(() => {
        this.holder = token;
        resolve();
      }),
    );
  }

  private release(): void {
    this.holder = null;
    const waiting = this.bystanders;
    this.bystanders = [];
    for (const wake of waiting) wake();
    // The woken statements run in microtasks; the next transaction starts after them.
    if (this.transactions.length > 0) setImmediate(() => this.grantNext());
  }

  private grantNext(): void {
    if (this.holder === null) this.transactions.shift()?.();
  }
}

const gates = new WeakMap<DataSource, SqliteTransactionGate>();

/** The gate of an SQLite data source set up by guardSqliteTransactions, else null (PostgreSQL has real connections). */
export function sqliteGate(dataSource: DataSource): SqliteTransactionGate | null {
  return gates.get(dataSource) ?? null;
}

/**
 * Installs the gate on an initialized better-sqlite3 data source (no-op for other databases): `transaction()` of the
 * data source and its manager takes the gate, and every statement of the shared query runner waits while another
 * request's transaction holds it. Transactions must go through `transaction()`; TypeORM's implicit ones (`save()`
 * of several rows) are not gated.
 */
export function guardSqliteTransactions<T extends DataSource>(dataSource: T): T {
  if (dataSource.options.type !== 'better-sqlite3' || gates.has(dataSource)) return dataSource;
  const gate = new SqliteTransactionGate();
  gates.set(dataSource, gate);

  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args) =>
    gate.run(() => transaction(...args));

  // better-sqlite3: one query runner for the whole data source.
  const runner: QueryRunner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
  (runner as unknown as { query: (sql: string, ...rest: unknown[]) => Promise<unknown> }).query = async (
    sql,
    ...rest
  ) => {
    const wait = gate.wait();
    if (wait) await wait;
    /*
     * TypeORM begins a deferred transaction. When another process writes to the same file (several API instances on
     * one SQLite file) between this transaction's first read and its first write, SQLite cannot upgrade the stale
     * snapshot and fails at once with SQLITE_BUSY, without waiting. IMMEDIATE takes the write lock at BEGIN, where
     * the busy timeout waits for the other writer instead. In this process the gate runs one transaction at a time.
     */
    return query(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest);
  };
  return dataSource;
}
