import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import {
  type SaveWeekRequest,
  TimesheetLimits as L,
  TimesheetMessages as M,
  type WeekEntryInput,
} from '@timesheets/contracts';
import { CreateTimesheetDto } from './timesheet.dto';

/** A row of a week: the fields of a new entry, and the id of the caller's draft or rejected entry it replaces. */
export class WeekEntryDto extends CreateTimesheetDto implements WeekEntryInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'A draft or rejected entry of the caller in this week' })
  @IsOptional()
  @IsUUID(undefined, { message: M.id })
  id?: string;
}

export class SaveWeekDto implements SaveWeekRequest {
  @ApiProperty({ type: [WeekEntryDto], maxItems: L.weekEntriesMax })
  @IsArray({ message: M.weekEntries })
  @ArrayMaxSize(L.weekEntriesMax, { message: M.weekEntries })
  @ValidateNested({ each: true })
  @Type(() => WeekEntryDto)
  entries!: WeekEntryDto[];
}
