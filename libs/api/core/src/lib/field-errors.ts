import { BadRequestException, ConflictException, type ValidationError } from '@nestjs/common';
import type { FieldError } from '@timesheets/contracts';

/**
 * A 400 naming each invalid field: `message` lists the sentences (for people and logs), `errors` pairs each with the
 * field's path in the body (for the SPA to show it next to the field). A row of a list is named `entries[3]` and, in
 * the sentence, "Row 4".
 */
export class FieldErrorsException extends BadRequestException {
  constructor(readonly errors: readonly FieldError[]) {
    super({ message: errors.map(sentence), errors });
  }

  static of(field: string, message: string): FieldErrorsException {
    return new FieldErrorsException([{ field, message }]);
  }
}

/** A 409 naming the fields that conflict with the state (an import's rows on or before the period lock). */
export class FieldConflictException extends ConflictException {
  constructor(readonly errors: readonly FieldError[]) {
    super({ message: errors.map(sentence), errors });
  }
}

/** "Row 4: Hours must be ..." for `entries[3].hours`; the message itself otherwise. */
function sentence(e: FieldError): string {
  const row = /\[(\d+)\]/.exec(e.field);
  return row ? `Row ${Number(row[1]) + 1}: ${e.message}` : e.message;
}

/** class-validator's errors as field errors, with paths such as `entries[3].hours`. */
export function fieldErrorsOf(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const path = !parent
      ? e.property
      : /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`;
    // Several constraints of a field often share one sentence (hours: a number, more than 0, at most 24): say it once.
    const own = [...new Set(Object.values(e.constraints ?? {}))].map((message) => ({ field: path, message }));
    return [...own, ...fieldErrorsOf(e.children ?? [], path)];
  });
}

/** The exception the validation pipe throws. */
export function validationException(errors: readonly ValidationError[]): FieldErrorsException {
  return new FieldErrorsException(fieldErrorsOf(errors));
}
