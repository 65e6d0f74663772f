export * from './lib/timesheets.routes';
export * from './lib/timesheets-page';
export * from './lib/week';
export * from './lib/entry-form';
