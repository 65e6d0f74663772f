export * from './lib/config';
export * from './lib/database';
export * from './lib/sqlite-transactions';
