export * from './lib/database';
export * from './lib/sqlite-transactions';
export * from './lib/sqlite-access';
export * from './lib/sql-runner';
export * from './lib/sql-table';
export * from './lib/jws-algorithms';
export * from './lib/secret-matches';
export * from './lib/http-metrics';
// Environment validation moved to @timesheets/server-config; re-exported here for code written before the move.
export * from '@timesheets/server-config';
