export * from './lib/page-state';
export * from './lib/status-chip';
export * from './lib/confirm-dialog';
export * from './lib/format';
export * from './lib/entry-table';
export * from './lib/load-more';
export * from './lib/grid-nav';
