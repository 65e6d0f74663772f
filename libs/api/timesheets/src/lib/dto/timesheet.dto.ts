import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import {
  type CreateTimesheetRequest,
  type ListTimesheetsQuery,
  type RejectTimesheetRequest,
  TIMESHEET_STATUSES,
  TimesheetLimits as L,
  TimesheetMessages as M,
  type TimesheetStatus,
  type UpdateTimesheetRequest,
} from '@timesheets/contracts';
import { IsCalendarDate, IsCursor, IsHours, IsNotes, IsPageLimit, Trim } from './validators';

export class CreateTimesheetDto implements CreateTimesheetRequest {
  @ApiProperty({ example: '2026-11-25', format: 'date', description: 'YYYY-MM-DD; not after the end of next week' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ format: 'uuid', description: 'A project the caller may book on (GET /projects)' })
  @IsUUID(undefined, { message: M.projectId })
  projectId!: string;

  @ApiProperty({ example: 7.5, exclusiveMinimum: true, minimum: 0, maximum: L.hoursMax, multipleOf: 0.01 })
  @IsHours()
  hours!: number;

  @ApiPropertyOptional({ maxLength: L.notesMax, nullable: true, type: String })
  @IsNotes()
  notes?: string | null;
}

/** Every field optional, but a field that is sent must be valid (null only clears notes). */
export class UpdateTimesheetDto implements UpdateTimesheetRequest {
  @ApiPropertyOptional({ example: '2026-11-25', format: 'date' })
  @ValidateIf((o: UpdateTimesheetDto) => o.date !== undefined)
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: UpdateTimesheetDto) => o.projectId !== undefined)
  @IsUUID(undefined, { message: M.projectId })
  projectId?: string;

  @ApiPropertyOptional({ exclusiveMinimum: true, minimum: 0, maximum: L.hoursMax, multipleOf: 0.01 })
  @ValidateIf((o: UpdateTimesheetDto) => o.hours !== undefined)
  @IsHours()
  hours?: number;

  @ApiPropertyOptional({ maxLength: L.notesMax, nullable: true, type: String })
  @IsNotes()
  notes?: string | null;
}

export class RejectTimesheetDto implements RejectTimesheetRequest {
  @ApiProperty({ minLength: L.reasonMin, maxLength: L.reasonMax })
  @Trim()
  @IsString({ message: M.reason })
  @Length(L.reasonMin, L.reasonMax, { message: M.reason })
  reason!: string;
}

export class ListTimesheetsQueryDto implements ListTimesheetsQuery {
  @ApiPropertyOptional({ minimum: L.pageMin, maximum: L.pageMax, default: L.pageDefault })
  @IsPageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsCursor()
  cursor?: string;

  @ApiPropertyOptional({ enum: TIMESHEET_STATUSES })
  @IsOptional()
  @IsIn(TIMESHEET_STATUSES, { message: M.status })
  status?: TimesheetStatus;

  @ApiPropertyOptional({ format: 'date', description: 'first date, inclusive (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'last date, inclusive (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
