export * from './lib/api-url';
export * from './lib/timesheets.api';
export * from './lib/admin.api';
