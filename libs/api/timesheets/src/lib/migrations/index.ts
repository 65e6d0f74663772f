import { CreateTimesheetEntries1764000000000 } from './1764000000000-create-timesheet-entries';
import { ProjectsAndWeeks1765300000000 } from './1765300000000-projects-and-weeks';
import { CreateImportRequests1765600000000 } from './1765600000000-create-import-requests';

/** Every migration of time booking, oldest first: a new one is a file here and a line below. */
export const TIMESHEETS_MIGRATIONS = [
  CreateTimesheetEntries1764000000000,
  ProjectsAndWeeks1765300000000,
  CreateImportRequests1765600000000,
];
