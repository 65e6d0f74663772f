/**
 * The date and time forms the API accepts, defined once: the API's validators and services and the SPA's forms read
 * these, so that whatever passes validation is something the services can use.
 */

/** `YYYY-MM-DD`. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** RFC 3339 §5.6 `date-time`: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, the offset required. */
const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_PATTERN.test(value) && utcDate(value) !== null;
}

/**
 * The instant an RFC 3339 date-time names (`2026-11-25T09:30:00Z`, `2026-11-25T10:30:00.5+01:00`), or null when the
 * text is anything else: another ISO 8601 form (week or ordinal dates, basic format, no offset, comma decimals), a date
 * that does not exist, a leap second, or an instant outside the years 0000 to 9999 once in UTC.
 */
export function parseDateTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = DATE_TIME_PATTERN.exec(value);
  if (!m) return null;
  const day = utcDate(`${m[1]}-${m[2]}-${m[3]}`);
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (day === null || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (!m[8]) {
    const [offsetHour, offsetMinute] = [Number(m[10]), Number(m[11])];
    if (offsetHour > 23 || offsetMinute > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  }
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const at = new Date(day.getTime() + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis);
  const year = at.getUTCFullYear();
  return year >= 0 && year <= 9999 ? at : null;
}

/** True for a calendar date (`YYYY-MM-DD`) or an RFC 3339 date-time. */
export function isDateOrDateTime(value: unknown): value is string {
  return isIsoDate(value) || parseDateTime(value) !== null;
}

/**
 * The first and the last instant (UTC, as `Date.toISOString()` writes it, which sorts as text) that a bound covers:
 * a date covers its whole UTC day, a date-time only itself. Null when `value` is neither.
 */
export function instantRange(value: string): { first: string; last: string } | null {
  if (isIsoDate(value)) return { first: `${value}T00:00:00.000Z`, last: `${value}T23:59:59.999Z` };
  const at = parseDateTime(value);
  return at === null ? null : { first: at.toISOString(), last: at.toISOString() };
}

/** Midnight UTC of a `YYYY-MM-DD` date that exists, else null (no roll-over: 2026-02-30 is not March 2nd). */
function utcDate(text: string): Date | null {
  const [year, month, day] = text.split('-').map(Number);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0..99 as 1900..1999
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : null;
}
