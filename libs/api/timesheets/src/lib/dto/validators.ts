import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { IsCalendarDate } from '@timesheets/api-core';
import { isIsoWeek, isValidHours, TimesheetLimits as L, TimesheetMessages as M } from '@timesheets/contracts';

/** An ISO week that exists, written `YYYY-Www`. */
export function IsIsoWeek(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoWeek',
      target: object.constructor,
      propertyName,
      options: { message: M.week, ...options },
      validator: { validate: (value: unknown) => isIsoWeek(value) },
    });
}

export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * Hours: more than 0, at most 24, two decimals at most: the contracts' rule (class-validator's
 * IsNumber({ maxDecimalPlaces }) throws on 1e-7, which has no '.' in its text).
 */
export const IsHours = () =>
  ValidateBy({ name: 'isHours', validator: { validate: isValidHours, defaultMessage: () => M.hours } });

export { IsCalendarDate };

/** Optional notes; null clears them. */
export const IsNotes = () =>
  applyDecorators(IsOptional(), IsString({ message: M.notes }), MaxLength(L.notesMax, { message: M.notes }));

/** `limit` of a page query string. */
export const IsPageLimit = () =>
  applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt({ message: M.limit }),
    Min(L.pageMin, { message: M.limit }),
    Max(L.pageMax, { message: M.limit }),
  );

export const IsCursor = () =>
  applyDecorators(IsOptional(), IsString({ message: M.cursor }), MaxLength(512, { message: M.cursor }));

/** `true` / `false` in a query string. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
