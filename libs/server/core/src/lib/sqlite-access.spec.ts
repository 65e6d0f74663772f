import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './database';
import { SqliteAccess } from './sqlite-access';
import { guardSqliteTransactions } from './sqlite-transactions';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('SqliteAccess', () => {
  let dir: string;
  let db: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'access-'));
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

  it('is one per SQLite data source, and none for PostgreSQL', () => {
    expect(SqliteAccess.of(db)).toBe(SqliteAccess.of(db));
    expect(SqliteAccess.of({ options: { type: 'postgres' } } as unknown as DataSource)).toBeNull();
  });

  it("runs on TypeORM's own connection and prepares each statement once", async () => {
    const access = SqliteAccess.of(db);
    if (!access) throw new Error('expected SQLite');
    access.statement('INSERT INTO t VALUES (?)').run('raw');
    expect(await db.query('SELECT v FROM t')).toEqual([{ v: 'raw' }]);
    expect(access.statement('SELECT v FROM t', { raw: true })).toBe(access.statement('SELECT v FROM t', { raw: true }));
    expect(access.statement('SELECT v FROM t', { raw: true }).all()).toEqual([['raw']]);
    expect(access.statement('SELECT v FROM t').all()).toEqual([{ v: 'raw' }]);
  });

  it("waits while another request's transaction holds the connection, and declines it to synchronous callers", async () => {
    const access = SqliteAccess.of(db);
    if (!access) throw new Error('expected SQLite');
    expect(access.ready()).toBeNull();
    expect(access.now()).toBe(access.connection);
    const order: string[] = [];
    const transaction = db
      .transaction(async (m) => {
        await m.query(`INSERT INTO t VALUES ('inside')`);
        expect(access.ready()).toBeNull(); // the transaction itself goes ahead
        await tick();
        order.push('rolled back');
        throw new Error('no');
      })
      .catch(() => undefined);
    await tick();
    expect(access.now()).toBeNull();
    const waiting = access.ready();
    expect(waiting).not.toBeNull();
    await waiting;
    order.push('statement');
    expect(access.statement('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    await transaction;
    expect(order).toEqual(['rolled back', 'statement']);
  });
});
