export interface TimesheetsOptions {
  /** Time can be booked up to the end of the week this many weeks after the current one (1: end of next week). */
  maxWeeksAhead: number;
  /**
   * Days an import's Idempotency-Key is kept (a retry within them gets the first answer); older keys are deleted by the
   * next import, and the same key then starts a new import. `ImportLimits.idempotencyRetentionDaysDefault` when unset.
   */
  importKeyRetentionDays?: number;
  /** Seed the demo's customers, projects and Alice's weeks (the local demo only; see DemoTimesheets). */
  demo?: boolean;
  /** The clock (tests); `new Date()` by default. */
  now?: () => Date;
}

export const TIMESHEETS_OPTIONS = Symbol('TIMESHEETS_OPTIONS');

export const DEFAULT_TIMESHEETS_OPTIONS: TimesheetsOptions = { maxWeeksAhead: 1 };
