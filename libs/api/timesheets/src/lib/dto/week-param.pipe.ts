import { Injectable, type PipeTransform } from '@nestjs/common';
import { isIsoWeek, TimesheetMessages as M } from '@timesheets/contracts';
import { FieldErrorsException } from '@timesheets/api-core';

/** A `:week` path parameter: an ISO week that exists (`2026-W50`), else 400 naming `week`. */
@Injectable()
export class IsoWeekPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isIsoWeek(value)) throw FieldErrorsException.of('week', M.week);
    return value;
  }
}
