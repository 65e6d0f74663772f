export * from './lib/config';
export * from './lib/database';
export * from './lib/sqlite-transactions';
export * from './lib/sqlite-access';
export * from './lib/sql-runner';
export * from './lib/sql-table';
export * from './lib/trust-proxy';
export * from './lib/jws-algorithms';
