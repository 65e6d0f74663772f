import type { CreateTimesheetRequest, TimesheetEntry, TimesheetStatus } from './timesheets';

/**
 * ISO 8601 weeks (`2026-W49`): weeks start on Monday, and week 1 is the week with the year's first Thursday. Dates are
 * `YYYY-MM-DD` calendar dates (no time zone: a timesheet day is the day the person worked). Pure functions, shared by
 * the API and the SPA.
 */
export const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

const DAY_MS = 86_400_000;

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return iso(utc(date) + days * DAY_MS);
}

/** The ISO week a date falls in. */
export function isoWeekOf(date: string): string {
  const ms = utc(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  const thursday = new Date(ms + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const yearText = String(year).padStart(4, '0');
  const week = Math.floor((thursday.getTime() - utc(`${yearText}-01-01`)) / (7 * DAY_MS)) + 1;
  return `${yearText}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week. */
export function weekStart(week: string): string {
  const m = WEEK_PATTERN.exec(week);
  if (!m) throw new Error(`Not an ISO week: ${week}`);
  const jan4 = utc(`${m[1]}-01-04`); // always in week 1
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return iso(mondayOfWeek1 + (Number(m[2]) - 1) * 7 * DAY_MS);
}

/** The seven dates of an ISO week, Monday first. */
export function weekDays(week: string): string[] {
  const monday = weekStart(week);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The week `n` weeks after `week` (negative: before). */
export function addWeeks(week: string, n: number): string {
  return isoWeekOf(addDays(weekStart(week), 7 * n));
}

/** True for an ISO week that exists (`2026-W53` does, `2025-W53` does not). */
export function isIsoWeek(value: unknown): value is string {
  if (typeof value !== 'string' || !WEEK_PATTERN.test(value)) return false;
  const n = Number(value.slice(6));
  return n >= 1 && n <= 53 && isoWeekOf(weekStart(value)) === value;
}

/**
 * The state of a person's week, from its entries' statuses: `rejected` while any entry is rejected (it needs the
 * person), else `draft` while any is a draft (not submitted yet), else `pending` while any awaits a decision, else
 * `approved`; `empty` without entries.
 */
export type WeekState = 'empty' | TimesheetStatus;

export function weekState(statuses: Iterable<TimesheetStatus>): WeekState {
  const seen = new Set(statuses);
  for (const s of ['rejected', 'draft', 'pending', 'approved'] as const) if (seen.has(s)) return s;
  return 'empty';
}

/** `GET /weeks/:week`: the caller's week. */
export interface WeekDto {
  /** `2026-W49`. */
  week: string;
  /** The seven dates, Monday first. */
  days: string[];
  state: WeekState;
  /** Every entry of the week whatever its status, by date, then project code. */
  entries: TimesheetEntry[];
  totals: {
    /** Hours per day, Monday first (every status). */
    days: number[];
    week: number;
  };
  /** How many entries have each status. */
  counts: Record<TimesheetStatus, number>;
  /** Nothing on or before this date may change (null: no lock). */
  lockedThrough: string | null;
  /** The last date that may be booked now (the end of next week, by default). */
  latestDate: string;
}

/** One row of a week: a new entry's fields, with the `id` of the caller's draft or rejected entry it replaces, if any. */
export interface WeekEntryInput extends CreateTimesheetRequest {
  id?: string;
}

/**
 * `PUT /weeks/:week/entries`: the week's editable entries (drafts and rejected ones) as they should be. In one
 * transaction, all or nothing: rows without `id` are created as drafts; rows with the `id` of a draft update it; rows
 * with the `id` of a rejected entry make it a draft again if anything changed (else it stays rejected, with its
 * reason); the caller's drafts and rejected entries of the week that are not listed are deleted. Pending and approved
 * entries are not touched (listing one is a 409). Answers WeekDto.
 */
export interface SaveWeekRequest {
  entries: WeekEntryInput[];
}
