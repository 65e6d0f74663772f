import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { TimesheetLimits as L, isIsoDate } from '@timesheets/contracts';

/** The API's own wording (libs/api timesheet DTO), so the form and the server say the same thing. */
export const ENTRY_MESSAGES = {
  date: 'date must be a valid date written YYYY-MM-DD',
  hours: `hours must be a number greater than ${L.hoursMin} and at most ${L.hoursMax}, with at most ${L.hoursDecimals} decimals`,
  project: `project must be ${L.projectMin} to ${L.projectMax} characters`,
  notes: `notes must be at most ${L.notesMax} characters`,
  reason: `reason must be ${L.reasonMin} to ${L.reasonMax} characters`,
} as const;

export const isoDateValidator: ValidatorFn = (c: AbstractControl): ValidationErrors | null =>
  isIsoDate(c.value) ? null : { isoDate: true };

export const hoursValidator: ValidatorFn = (c: AbstractControl): ValidationErrors | null => {
  const v: unknown = c.value;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= L.hoursMin || n > L.hoursMax) return { hours: true };
  const decimals = String(n).split('.')[1]?.length ?? 0;
  return decimals > L.hoursDecimals ? { hours: true } : null;
};

export const trimmedLength =
  (min: number, max: number): ValidatorFn =>
  (c: AbstractControl): ValidationErrors | null => {
    const len = typeof c.value === 'string' ? c.value.trim().length : 0;
    return len < min || len > max ? { length: true } : null;
  };
