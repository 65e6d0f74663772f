export * from './lib/timesheets.module';
export * from './lib/timesheets.service';
export * from './lib/timesheet-entry.entity';
