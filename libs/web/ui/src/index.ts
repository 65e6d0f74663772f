export * from './lib/api-error';
export * from './lib/page-state';
export * from './lib/status-chip';
export * from './lib/confirm-dialog';
