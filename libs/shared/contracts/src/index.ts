export * from './lib/scopes';
export * from './lib/roles';
export * from './lib/timesheets';
export * from './lib/dates';
export * from './lib/authz';
export * from './lib/config';
