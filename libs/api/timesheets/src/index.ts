export * from './lib/timesheets.module';
export * from './lib/timesheets.service';
