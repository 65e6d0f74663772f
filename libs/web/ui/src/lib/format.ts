import { ProjectRef, TimesheetEntry, TimesheetStatus, weekDays } from '@timesheets/contracts';
import { formatLocale } from './locale';

/**
 * How the SPA writes and reads numbers, dates and names, in the user's locale (`formatLocale()`: the page's language,
 * with the browser's region where it has one), one place for every page. Templates call these as functions (no
 * pipes: Angular's pipe runtime would join the initial chunk).
 *
 * Calendar dates (`YYYY-MM-DD`) are days, not instants: they are formatted in UTC so that no time zone moves them.
 * Instants (`createdAt`, an audit line's time) are written in the browser's time zone.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: (locale: string) => T,
): T {
  const locale = formatLocale();
  const k = `${locale}|${key}`;
  let f = cache.get(k) as T | undefined;
  if (!f) {
    f = make(locale);
    cache.set(k, f);
  }
  return f;
}

const hoursFormat = () =>
  cached('hours', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2, useGrouping: false }));
const numberFormat = () => cached('number', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 }));
const dateFormat = () =>
  cached(
    'date',
    (l) => new Intl.DateTimeFormat(l, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  );
const dayFormat = () =>
  cached(
    'day',
    (l) => new Intl.DateTimeFormat(l, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }),
  );
const shortDateFormat = () =>
  cached('short', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', timeZone: 'UTC' }));
const longDateFormat = () =>
  cached(
    'long',
    (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  );
const dateTimeFormat = () =>
  cached('dateTime', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }));
const fullDateTimeFormat = () =>
  cached('fullDateTime', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'full', timeStyle: 'long' }));
const monthFormat = () =>
  cached('month', (l) => new Intl.DateTimeFormat(l, { month: 'long', year: 'numeric', timeZone: 'UTC' }));
const relativeFormat = () => cached('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** The decimal separator of the user's locale (`.` or `,`). */
export function decimalSeparator(): string {
  return (
    hoursFormat()
      .formatToParts(1.5)
      .find((p) => p.type === 'decimal')?.value ?? '.'
  );
}

/** Today in the person's own time zone (`YYYY-MM-DD`). */
export function localToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Hours as typed: `7.5` (`7,5` in German), `0`, `24` (at most two decimals, no grouping). */
export function formatHours(hours: number): string {
  return hoursFormat().format(hours);
}

/** A count or amount in the user's locale: `1,234` (`1.234`). */
export function formatNumber(value: number): string {
  return numberFormat().format(value);
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

/** A calendar date (`YYYY-MM-DD`) as lists and date fields write it: `02/12/2026`, `12/02/2026`, `02.12.2026`. */
export function formatDate(iso: string): string {
  return dateFormat().format(utc(iso));
}

/** How `formatDate` writes a date, for a field's hint: `DD/MM/YYYY`, `MM/DD/YYYY`, `TT.MM.JJJJ`. */
export function datePattern(): string {
  const names: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {
    day: $localize`:letters for the day in a date pattern:DD`,
    month: $localize`:letters for the month in a date pattern:MM`,
    year: $localize`:letters for the year in a date pattern:YYYY`,
  };
  return dateFormat()
    .formatToParts(utc('2026-12-02'))
    .map((p) => names[p.type] ?? p.value)
    .join('');
}

/**
 * A date as typed in the user's format (`formatDate`'s order of day, month and year, any separator, a two-digit year
 * as 20xx), or an ISO date. `null` for anything that is not a real date.
 */
export function parseDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  let y: number, m: number, d: number;
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const numbers = t.split(/[^0-9]+/).filter((s) => s !== '');
    const order = dateFormat()
      .formatToParts(utc('2026-12-02'))
      .map((p) => p.type)
      .filter((type) => type === 'day' || type === 'month' || type === 'year');
    if (numbers.length !== 3 || order.length !== 3) return null;
    const at = (type: string) => Number(numbers[order.indexOf(type as 'day')]);
    [y, m, d] = [at('year'), at('month'), at('day')];
    if (numbers[order.indexOf('year')].length === 2) y += 2000;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || y > 9999 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A calendar date in words: `30 November 2026`, `30. November 2026`. */
export function formatLongDate(iso: string): string {
  return longDateFormat().format(utc(iso));
}

/** A day as a column heading: `Mon 30 Nov`, `Mo., 30. Nov.`. */
export function formatDay(iso: string): string {
  return dayFormat().format(utc(iso));
}

/** An instant (`createdAt`, `updatedAt`) in the user's time zone: `2 Dec 2026, 19:07`. */
export function formatDateTime(iso: string): string {
  return dateTimeFormat().format(new Date(iso));
}

/** An instant in full, with the time zone: for a tooltip beside a short or relative time. */
export function formatFullDateTime(iso: string): string {
  return fullDateTimeFormat().format(new Date(iso));
}

/**
 * An instant relative to now where that reads better: `5 minutes ago`, `yesterday`, `vor 2 Stunden`; older than a
 * week, the date and time (`formatDateTime`).
 */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (Number.isNaN(seconds)) return iso;
  if (abs < 45) return relativeFormat().format(0, 'second');
  if (abs < 45 * 60) return relativeFormat().format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relativeFormat().format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return relativeFormat().format(Math.round(seconds / 86400), 'day');
  return formatDateTime(iso);
}

/** A month (`YYYY-MM`) in words: `November 2026`. */
export function formatMonth(month: string): string {
  return monthFormat().format(utc(`${month}-01`));
}

/** Bytes as a download shows them: `812 B`, `1.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let n = bytes / 1024;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${numberFormat().format(Math.round(n * 10) / 10)} ${units[u]}`;
}

/** An ISO week with its dates: `2026-W49 (30 Nov – 6 Dec)`. */
export function formatWeek(week: string): string {
  const days = weekDays(week);
  return `${week} (${shortDateFormat().format(utc(days[0]))} – ${shortDateFormat().format(utc(days[6]))})`;
}

/** A project as lists show it: `APOLLO · Apollo launch`. */
export function projectLabel(p: Pick<ProjectRef, 'code' | 'name'>): string {
  return `${p.code} · ${p.name}`;
}

/** Display name of an entry's owner; the API may not know it (then a short form of the subject). */
export function ownerLabel(e: Pick<TimesheetEntry, 'ownerName' | 'ownerId'>): string {
  return e.ownerName ?? $localize`User ${e.ownerId.slice(0, 8)}:id:`;
}

/** A person as approvals show them: name, else email, else a short form of their id. */
export function personLabel(p: { name: string | null; email: string | null; userId: string }): string {
  return p.name ?? p.email ?? $localize`User ${p.userId.slice(0, 8)}:id:`;
}

/** A status in words, as chips and filters write it: `Pending`. */
export function statusLabel(status: TimesheetStatus): string {
  switch (status) {
    case 'draft':
      return $localize`:entry status:Draft`;
    case 'pending':
      return $localize`:entry status:Pending`;
    case 'approved':
      return $localize`:entry status:Approved`;
    case 'rejected':
      return $localize`:entry status:Rejected`;
  }
}
