import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
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

  it('takes the write lock at BEGIN, so another process writing meanwhile waits instead of failing it', async () => {
    // Another process on the same file: a worker thread with its own connection (its busy wait blocks only itself).
    const other = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require('better-sqlite3'))(workerData, { timeout: 5000 });
       parentPort.on('message', () => {
         parentPort.postMessage('writing');
         try { db.prepare("INSERT INTO t VALUES ('other process')").run(); parentPort.postMessage('ok'); }
         catch (e) { parentPort.postMessage(e.message); }
       });
       parentPort.postMessage('ready');`,
      { eval: true, workerData: join(dir, 'db.sqlite') },
    );
    const replies: string[] = [];
    const waiters: [string, () => void][] = [];
    other.on('message', (m: string) => {
      replies.push(m);
      for (const [want, resolve] of waiters) if (want === m || (want === 'end' && m !== 'writing')) resolve();
    });
    const reply = (want: string) =>
      replies.includes(want) ? Promise.resolve() : new Promise<void>((r) => waiters.push([want, r]));
    try {
      await reply('ready');
      const end = reply('end');
      await db.transaction(async (m) => {
        await m.query('SELECT count(*) AS n FROM t'); // a deferred transaction has only a read snapshot now
        other.postMessage('write');
        await reply('writing');
        await new Promise((r) => setTimeout(r, 100)); // the other process writes (or waits for the lock)
        await m.query(`INSERT INTO t VALUES ('transaction')`);
      });
      await end;
      expect(replies).toEqual(['ready', 'writing', 'ok']);
      expect((await db.query('SELECT v FROM t ORDER BY rowid')).map((r: { v: string }) => r.v)).toEqual([
        'transaction',
        'other process',
      ]);
    } finally {
      await other.terminate();
    }
  });

  it('is only for SQLite', () => {
    expect(sqliteGate(db)).toBeInstanceOf(SqliteTransactionGate);
    const pg = { options: { type: 'postgres' } } as unknown as DataSource;
    expect(guardSqliteTransactions(pg)).toBe(pg);
    expect(sqliteGate(pg)).toBeNull();
  });
});
