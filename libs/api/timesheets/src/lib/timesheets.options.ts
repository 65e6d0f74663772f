export interface TimesheetsOptions {
  /** Time can be booked up to the end of the week this many weeks after the current one (1: end of next week). */
  maxWeeksAhead: number;
  /** Seed the demo's customers, projects and Alice's weeks (the local demo only; see DemoTimesheets). */
  demo?: boolean;
  /** The clock (tests); `new Date()` by default. */
  now?: () => Date;
}

export const TIMESHEETS_OPTIONS = Symbol('TIMESHEETS_OPTIONS');

export const DEFAULT_TIMESHEETS_OPTIONS: TimesheetsOptions = { maxWeeksAhead: 1 };
