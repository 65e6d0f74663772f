import { ReportLimits } from '@timesheets/contracts';

export interface ReportsOptions {
  /** The longest period (days, both ends included) of one report or export (`REPORTS_MAX_PERIOD_DAYS`). */
  maxPeriodDays: number;
  /** The expected week of a person whose groups set none (`REPORTS_DEFAULT_WEEK_HOURS`). */
  defaultWeekHours: number;
  /** Exports streaming at once on this instance (`REPORTS_MAX_CONCURRENT_EXPORTS`); one more is a 429. */
  maxConcurrentExports: number;
  /** The clock (tests); `new Date()` by default. */
  now?: () => Date;
}

export const REPORTS_OPTIONS = Symbol('REPORTS_OPTIONS');

export const DEFAULT_REPORTS_OPTIONS: ReportsOptions = {
  maxPeriodDays: ReportLimits.periodDaysDefault,
  defaultWeekHours: ReportLimits.weekHoursDefault,
  maxConcurrentExports: ReportLimits.concurrentExportsDefault,
};
