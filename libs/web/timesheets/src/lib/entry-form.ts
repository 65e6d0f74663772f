import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { hasTrimmedLength, isIsoDate, isValidHours } from '@timesheets/contracts';

/** Angular validators over the rules in @timesheets/contracts (the API's own); the messages come from there too. */
export const isoDateValidator: ValidatorFn = (c: AbstractControl): ValidationErrors | null =>
  isIsoDate(c.value) ? null : { isoDate: true };

/** Accepts what an `<input type="number">` gives (a number, or text while typing). */
export const hoursValidator: ValidatorFn = (c: AbstractControl): ValidationErrors | null => {
  const v: unknown = c.value;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return isValidHours(n) ? null : { hours: true };
};

export const trimmedLength =
  (min: number, max: number): ValidatorFn =>
  (c: AbstractControl): ValidationErrors | null =>
    hasTrimmedLength(c.value, min, max) ? null : { length: true };
