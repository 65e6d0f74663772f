import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, parseDatabaseUrl } from './database';
import { Filters, placeholders, SqlRunner } from './sql-runner';
import { column, fromShape, jsonObjectSql, type JsonShape, type RowOf, SqlTable } from './sql-table';
import { guardSqliteTransactions } from './sqlite-transactions';

const THINGS = new SqlTable(
  'things',
  {
    id: column<string>('id', 'varchar', { length: 36, primary: true }),
    label: column<string | null>('label', 'varchar', { length: 100, nullable: true }),
    amount: column<number>('amount', 'double precision'),
    count: column<number>('item_count', 'integer'),
    active: column<boolean>('active', 'boolean'),
    flag: column<boolean | null>('flag', 'boolean', { nullable: true }),
  },
  [{ name: 'idx_things_label', columns: ['label', 'id'] }],
);
type Thing = RowOf<typeof THINGS.columns>;

const SHAPE: JsonShape = [
  ['id', THINGS.ref('id', 't')],
  [
    'numbers',
    [
      ['amount', THINGS.ref('amount', 't')],
      ['count', THINGS.ref('count', 't')],
    ],
  ],
  ['active', THINGS.ref('active', 't')],
  ['flag', THINGS.ref('flag', 't')],
  ['label', THINGS.ref('label', 't')],
];

const rows: Thing[] = [
  { id: 'a', label: 'quote " backslash \\ é 🕒', amount: 7.25, count: 3, active: true, flag: null },
  { id: 'b', label: null, amount: 8, count: 0, active: false, flag: false },
  { id: 'c', label: 'x', amount: 0.01, count: 12, active: true, flag: true },
];

const engines: [string, string | undefined][] = [
  ['sqlite', undefined],
  ...(process.env['TEST_POSTGRES_URL'] ? [['postgres', process.env['TEST_POSTGRES_URL']] as [string, string]] : []),
];

describe.each(engines)('SqlTable and SqlRunner (%s)', (engine, postgresUrl) => {
  let db: DataSource;
  let drop: () => Promise<void>;
  let sql: SqlRunner;

  beforeAll(async () => {
    let url: string;
    if (postgresUrl) {
      const name = `sqltable_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(postgresUrl);
      u.pathname = `/${name}`;
      url = u.toString();
      drop = async () => {
        const c = new Client({ connectionString: postgresUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'sqltable-'));
      url = `sqlite:${join(dir, 'db.sqlite')}`;
      drop = async () => rmSync(dir, { recursive: true, force: true });
    }
    db = guardSqliteTransactions(
      await new DataSource(
        dataSourceOptions(parseDatabaseUrl(url), { entities: [THINGS.entitySchema('Thing')], migrations: [] }),
      ).initialize(),
    );
    await db.synchronize(); // a test table only; the applications' schemas come from migrations
    sql = new SqlRunner(db);
    expect(sql.dialect).toBe(engine);
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  it('inserts rows with the table INSERT and reads them back typed', async () => {
    for (const r of rows) expect(await sql.run(THINGS.insertSql(), THINGS.insertParams(r))).toBe(1);
    const read = await sql.objects<Record<string, unknown>>(
      `SELECT ${THINGS.selectList('t')} FROM things t ORDER BY t.id`,
      [],
    );
    expect(read.map((o) => THINGS.fromObject(o))).toEqual(rows);
  });

  it('has the database build JSON with numbers and booleans as such, equal to the mapping in code', async () => {
    const json = await sql.rows(`SELECT ${jsonObjectSql(SHAPE, sql.dialect)} AS j FROM things t ORDER BY t.id`, []);
    const parsed = json.map((r) => JSON.parse(r[0] as string));
    expect(parsed).toEqual(rows.map((r) => fromShape(SHAPE, { t: r })));
    expect(parsed[0]).toEqual({
      id: 'a',
      numbers: { amount: 7.25, count: 3 },
      active: true,
      flag: null,
      label: 'quote " backslash \\ é 🕒',
    });
    expect(Object.keys(parsed[1])).toEqual(['id', 'numbers', 'active', 'flag', 'label']);
    expect(parsed[1]).toMatchObject({ numbers: { amount: 8, count: 0 }, active: false, flag: false });
  });

  it('binds booleans and counts changed rows, inside a transaction too', async () => {
    const where = new Filters().add('active = ?', true).in('id', ['a', 'b', 'c']);
    expect(await sql.run(`UPDATE things SET item_count = item_count + 1 WHERE ${where.sql}`, where.params)).toBe(2);
    await expect(
      db.transaction(async (m) => {
        expect(await sql.run('DELETE FROM things WHERE id = ?', ['a'], m)).toBe(1);
        expect(await sql.rows('SELECT id FROM things ORDER BY id', [], m)).toEqual([['b'], ['c']]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await sql.rows('SELECT id, item_count FROM things ORDER BY id', [])).toEqual([
      ['a', 4],
      ['b', 0],
      ['c', 13],
    ]);
    expect(await sql.run(`DELETE FROM things WHERE ${new Filters().in('id', []).sql}`, [])).toBe(0);
  });
});

describe('SQL helpers', () => {
  it('numbers placeholders for PostgreSQL only', () => {
    expect(placeholders('a = ? AND (b < ? OR c = ?)', 'postgres')).toBe('a = $1 AND (b < $2 OR c = $3)');
    expect(placeholders('a = ?', 'sqlite')).toBe('a = ?');
  });

  it('keeps clauses and parameters in step', () => {
    const f = new Filters().add('a = ?', 1).add('(b < ? OR b = ?)', 'x', 'y').in('c', [true, null]);
    expect(f.sql).toBe('a = ? AND (b < ? OR b = ?) AND c IN (?, ?)');
    expect(f.params).toEqual([1, 'x', 'y', true, null]);
    expect(new Filters().sql).toBe('1 = 1');
  });

  it('writes one INSERT for many rows', () => {
    expect(THINGS.insertSql(2)).toBe(
      'INSERT INTO things (id, label, amount, item_count, active, flag) VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)',
    );
  });
});
