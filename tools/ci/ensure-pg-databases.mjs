#!/usr/bin/env node
// Creates the PostgreSQL databases named by API_DATABASE_URL and IDP_DATABASE_URL when they do not exist yet
// (the browser suite runs the whole system on PostgreSQL when TEST_POSTGRES_URL is set). SQLite URLs are left alone.
import pg from 'pg';

for (const name of ['API_DATABASE_URL', 'IDP_DATABASE_URL']) {
  const value = process.env[name];
  if (!value || !/^postgres(ql)?:\/\//.test(value)) continue;
  const url = new URL(value);
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(database)) {
    console.error(`${name}: database name must be lower-case letters, digits and underscores (got "${database}")`);
    process.exit(1);
  }
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  await client.end();
  console.log(`${name}: PostgreSQL database ${database} ready`);
}
