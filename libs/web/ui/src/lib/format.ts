import { TimesheetEntry } from '@timesheets/contracts';

/**
 * How the SPA writes numbers, dates and names: one place, so that localizing them (locale formats, translations) is
 * a change here, not in every template. Templates call these as functions (no pipes: Angular's pipe runtime would
 * join the initial chunk).
 */
const LOCALE = 'en-US';
const hoursFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2, useGrouping: false });

/** Hours as typed: `7.5`, `0`, `24` (at most two decimals). */
export function formatHours(hours: number): string {
  return hoursFormat.format(hours);
}

/** A calendar date (`YYYY-MM-DD`), shown as such. */
export function formatDate(iso: string): string {
  return iso;
}

/** Display name of an entry's owner; the API may not know it (then a short form of the subject). */
export function ownerLabel(e: Pick<TimesheetEntry, 'ownerName' | 'ownerId'>): string {
  return e.ownerName ?? `User ${e.ownerId.slice(0, 8)}`;
}
