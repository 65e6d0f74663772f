import { ProjectRef, TimesheetEntry, weekDays } from '@timesheets/contracts';

/**
 * How the SPA writes and reads numbers, dates and names: one place, so that localizing them (locale formats,
 * translations) is a change here, not in every template. Templates call these as functions (no pipes: Angular's pipe
 * runtime would join the initial chunk).
 */
const LOCALE = 'en-GB';
const hoursFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2, useGrouping: false });
// Calendar dates are days, not instants: formatted in UTC so no time zone moves them.
const dayFormat = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const shortDateFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** Hours as typed: `7.5`, `0`, `24` (at most two decimals). */
export function formatHours(hours: number): string {
  return hoursFormat.format(hours);
}

/**
 * Hours as a person types them: `7.5`, `7,5` or `7:30`; empty is 0. NaN for anything else (the caller says what is
 * wrong; the API's limits are checked with `isValidHours`).
 */
export function parseHours(text: string): number {
  const t = text.trim();
  if (t === '') return 0;
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(t);
  if (clock) return Math.round((Number(clock[1]) + Number(clock[2]) / 60) * 100) / 100;
  return /^\d+([.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : NaN;
}

/** A calendar date (`YYYY-MM-DD`) as written in lists. */
export function formatDate(iso: string): string {
  return iso;
}

/** A calendar date in words: `30 November 2026`. */
export function formatLongDate(iso: string): string {
  return longDateFormat.format(utc(iso));
}

/** A day as a column heading: `Mon 30 Nov`. */
export function formatDay(iso: string): string {
  return dayFormat.format(utc(iso));
}

/** An instant (`createdAt`, `updatedAt`) in the user's time zone. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** An ISO week with its dates: `2026-W49 (30 Nov – 6 Dec)`. */
export function formatWeek(week: string): string {
  const days = weekDays(week);
  return `${week} (${shortDateFormat.format(utc(days[0]))} – ${shortDateFormat.format(utc(days[6]))})`;
}

/** A project as lists show it: `APOLLO · Apollo launch`. */
export function projectLabel(p: Pick<ProjectRef, 'code' | 'name'>): string {
  return `${p.code} · ${p.name}`;
}

/** Display name of an entry's owner; the API may not know it (then a short form of the subject). */
export function ownerLabel(e: Pick<TimesheetEntry, 'ownerName' | 'ownerId'>): string {
  return e.ownerName ?? `User ${e.ownerId.slice(0, 8)}`;
}

/** A person as approvals show them: name, else email, else a short form of their id. */
export function personLabel(p: { name: string | null; email: string | null; userId: string }): string {
  return p.name ?? p.email ?? `User ${p.userId.slice(0, 8)}`;
}
