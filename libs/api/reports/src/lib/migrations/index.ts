import { Reports1766100000000 } from './1766100000000-reports';
import { ReportsIndexes1766200000000 } from './1766200000000-reports-indexes';

/** Every migration of reports, oldest first (they run after those of time booking and authorization they build on). */
export const REPORTS_MIGRATIONS = [Reports1766100000000, ReportsIndexes1766200000000];
