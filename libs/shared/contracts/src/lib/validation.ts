import { TIMESHEET_STATUSES, TimesheetLimits as L } from './timesheets';

/**
 * The API's validation messages, written once: the API's DTOs raise them and the SPA's forms show them, so both say
 * the same thing. Keys name the field; `dateFieldMessage(name)` covers every `YYYY-MM-DD` field (date, from, to).
 */
export const TimesheetMessages = {
  date: dateFieldMessage('date'),
  hours: `hours must be a number greater than ${L.hoursMin} and at most ${L.hoursMax}, with at most ${L.hoursDecimals} decimals`,
  project: `project must be ${L.projectMin} to ${L.projectMax} characters`,
  notes: `notes must be at most ${L.notesMax} characters`,
  reason: `reason must be ${L.reasonMin} to ${L.reasonMax} characters`,
  limit: `limit must be an integer from ${L.pageMin} to ${L.pageMax}`,
  status: `status must be one of ${TIMESHEET_STATUSES.join(', ')}`,
} as const;

export function dateFieldMessage(field: string): string {
  return `${field} must be a valid date written YYYY-MM-DD`;
}

/**
 * Hours as the API accepts them: a finite number above `hoursMin`, at most `hoursMax`, at most `hoursDecimals` decimals
 * (decided on the value, not on its text: 1e-7 has no '.' but seven decimals).
 */
export function isValidHours(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= L.hoursMin || value > L.hoursMax) return false;
  return Number(value.toFixed(L.hoursDecimals)) === value;
}

/** True when the trimmed text is `min` to `max` characters long. */
export function hasTrimmedLength(value: unknown, min: number, max: number): boolean {
  const n = typeof value === 'string' ? value.trim().length : -1;
  return n >= min && n <= max;
}
