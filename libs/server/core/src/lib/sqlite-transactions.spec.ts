import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { guardSqliteTransactions, SqliteTransactionGate, sqliteGate } from './sqlite-transactions';
import { dataSourceOptions } from './database';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('SqliteTransactionGate', () => {
  it('lets one transaction at a time run, and statements from outside wait for it', async () => {
    const gate = new SqliteTransactionGate();
    const order: string[] = [];
    const first = gate.run(async () => {
      order.push('t1 start');
      expect(gate.wait()).toBeNull(); // inside: go ahead
      await tick();
      order.push('t1 end');
    });
    const second = gate.run(async () => {
      order.push('t2 start');
      await tick();
      order.push('t2 end');
    });
    expect(gate.blocked).toBe(true);
    const outside = (async () => {
      await gate.wait();
      order.push('statement');
    })();
    await Promise.all([first, second, outside]);
    expect(order).toEqual(['t1 start', 't1 end', 'statement', 't2 start', 't2 end']);
    expect(gate.wait()).toBeNull();
  });

  it('runs a transaction inside a transaction without waiting for itself', async () => {
    const gate = new SqliteTransactionGate();
    await expect(gate.run(() => gate.run(async () => 'nested'))).resolves.toBe('nested');
  });

  it('releases the connection when a transaction fails', async () => {
    const gate = new SqliteTransactionGate();
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.blocked).toBe(false);
    await expect(gate.run(async () => 1)).resolves.toBe(1);
  });
});

describe('guardSqliteTransactions', () => {
  let dir: string;
  let db: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gate-'));
    db = guardSqliteTransactions(
      await new DataSource(
        dataSourceOptions({ kind: 'sqlite', path: join(dir, 'db.sqlite') }, { entities: [], migrations: [] }),
      ).initialize(),
    );
    await db.query('CREATE TABLE t (v TEXT)');
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps another request's write out of a transaction that rolls back", async () => {
    const rolledBack = db
      .transaction(async (m) => {
        await m.query(`INSERT INTO t VALUES ('inside')`);
        await tick(); // another request runs meanwhile
        throw new Error('rolled back');
      })
      .catch((e: Error) => e.message);
    await tick();
    const outside = db.query(`INSERT INTO t VALUES ('outside')`);
    expect(await rolledBack).toBe('rolled back');
    await outside;
    expect(await db.query('SELECT v FROM t')).toEqual([{ v: 'outside' }]);
  });

  it('does not let a reader see what a transaction has not committed', async () => {
    let seen: unknown;
    await Promise.all([
      db
        .transaction(async (m) => {
          await m.query(`INSERT INTO t VALUES ('uncommitted')`);
          await tick();
          throw new Error('no');
        })
        .catch(() => undefined),
      (async () => {
        await tick();
        seen = await db.query('SELECT count(*) AS n FROM t');
      })(),
    ]);
    expect(seen).toEqual([{ n: 0 }]);
  });

  it('is only for SQLite', () => {
    expect(sqliteGate(db)).toBeInstanceOf(SqliteTransactionGate);
    const pg = { options: { type: 'postgres' } } as unknown as DataSource;
    expect(guardSqliteTransactions(pg)).toBe(pg);
    expect(sqliteGate(pg)).toBeNull();
  });
});
