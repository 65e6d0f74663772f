export * from './lib/timesheets.routes';
export * from './lib/week-grid';
