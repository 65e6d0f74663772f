import { ValidateBy, type ValidationOptions } from 'class-validator';
import { dateFieldMessage, isDateOrDateTime, isIsoDate } from '@timesheets/contracts';

/** A real calendar date written `YYYY-MM-DD`; the message names the field. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: (args) => dateFieldMessage(args?.property ?? 'date'),
      },
    },
    options,
  );
}

/**
 * A calendar date (`YYYY-MM-DD`, the whole UTC day) or an RFC 3339 date-time with its offset
 * (`2026-11-25T09:30:00Z`, `2026-11-25T10:30:00+01:00`): exactly what `instantRange` in the contracts turns into
 * instants. Other ISO 8601 forms (week and ordinal dates, basic format, local times) are refused with this message.
 */
export function IsDateOrDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrDateTime',
      validator: {
        validate: (value: unknown) => isDateOrDateTime(value),
        defaultMessage: (args) =>
          `${args?.property} must be a date (YYYY-MM-DD) or a date and time with a UTC offset ` +
          `(RFC 3339, e.g. 2026-11-25T09:30:00Z; write + as %2B in a query string)`,
      },
    },
    options,
  );
}
