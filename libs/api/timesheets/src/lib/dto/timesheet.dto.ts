import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '@timesheets/api-core';
import {
  type CreateTimesheetRequest,
  isValidHours,
  type ListApprovalsQuery,
  type ListTimesheetsQuery,
  type RejectTimesheetRequest,
  TIMESHEET_STATUSES,
  TimesheetLimits as L,
  TimesheetMessages as M,
  type TimesheetStatus,
  type UpdateTimesheetRequest,
} from '@timesheets/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** class-validator's IsNumber({ maxDecimalPlaces }) throws on 1e-7 (no '.' in its text): the contracts' rule instead. */
const IsHours = () =>
  ValidateBy({ name: 'isHours', validator: { validate: isValidHours, defaultMessage: () => M.hours } });

export class CreateTimesheetDto implements CreateTimesheetRequest {
  @ApiProperty({ example: '2026-11-25', description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: 'Website redesign', minLength: L.projectMin, maxLength: L.projectMax })
  @Transform(trim)
  @IsString({ message: M.project })
  @Length(L.projectMin, L.projectMax, { message: M.project })
  project!: string;

  @ApiProperty({ example: 7.5, exclusiveMinimum: true, minimum: 0, maximum: 24 })
  @IsHours()
  hours!: number;

  @ApiPropertyOptional({ maxLength: L.notesMax, nullable: true })
  @IsOptional()
  @IsString({ message: M.notes })
  @MaxLength(L.notesMax, { message: M.notes })
  notes?: string | null;
}

/** Every field optional, but a field that is sent must be valid (null only clears notes). */
export class UpdateTimesheetDto implements UpdateTimesheetRequest {
  @ApiPropertyOptional({ example: '2026-11-25' })
  @ValidateIf((o: UpdateTimesheetDto) => o.date !== undefined)
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateTimesheetDto) => o.project !== undefined)
  @Transform(trim)
  @IsString({ message: M.project })
  @Length(L.projectMin, L.projectMax, { message: M.project })
  project?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateTimesheetDto) => o.hours !== undefined)
  @IsHours()
  hours?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString({ message: M.notes })
  @MaxLength(L.notesMax, { message: M.notes })
  notes?: string | null;
}

export class RejectTimesheetDto implements RejectTimesheetRequest {
  @ApiProperty({ minLength: L.reasonMin, maxLength: L.reasonMax })
  @Transform(trim)
  @IsString({ message: M.reason })
  @Length(L.reasonMin, L.reasonMax, { message: M.reason })
  reason!: string;
}

class PageQueryDto {
  @ApiPropertyOptional({ minimum: L.pageMin, maximum: L.pageMax, default: L.pageDefault })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: M.limit })
  @Min(L.pageMin, { message: M.limit })
  @Max(L.pageMax, { message: M.limit })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ enum: TIMESHEET_STATUSES })
  @IsOptional()
  @IsIn(TIMESHEET_STATUSES, { message: M.status })
  status?: TimesheetStatus;
}

export class ListTimesheetsQueryDto extends PageQueryDto implements ListTimesheetsQuery {
  @ApiPropertyOptional({ description: 'first date, inclusive (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'last date, inclusive (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class ListApprovalsQueryDto extends PageQueryDto implements ListApprovalsQuery {}
