export * from './lib/timesheets.module';
export * from './lib/timesheets.options';
export * from './lib/timesheets.service';
export * from './lib/projects/projects.service';
