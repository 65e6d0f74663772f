export * from './lib/api-url';
export * from './lib/timesheets.api';
export * from './lib/admin.api';
export * from './lib/api-error';
export * from './lib/call-state';
export * from './lib/api-messages';
export * from './lib/download';
export * from './lib/reports.api';
