import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  IMPORTED_ENTRY_STATUSES,
  type ImportedEntryInput,
  type ImportedEntryResult,
  type ImportedEntryStatus,
  ImportLimits,
  ImportMessages as IM,
  type ImportTimesheetsRequest,
  type ImportTimesheetsResponse,
  PROJECT_CODE_PATTERN,
  TimesheetLimits as L,
} from '@timesheets/contracts';
import { IsCalendarDate, IsHours, IsNotes } from './validators';

const lowerTrim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
const upperTrim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/** A row of an import: the fields of a new entry, with the person by email and the project by code. */
export class ImportedEntryDto implements ImportedEntryInput {
  @ApiProperty({ example: 'alice@exampleco.test', maxLength: ImportLimits.emailMax })
  @lowerTrim()
  @IsString({ message: IM.email })
  @Length(3, ImportLimits.emailMax, { message: IM.email })
  @IsEmail({}, { message: IM.email })
  email!: string;

  @ApiProperty({ example: '2026-11-25', format: 'date', description: 'YYYY-MM-DD; not after the last bookable day' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: 'APOLLO', pattern: PROJECT_CODE_PATTERN.source, description: 'case-insensitive' })
  @upperTrim()
  @IsString({ message: IM.projectCode })
  @Length(L.projectCodeMin, L.projectCodeMax, { message: IM.projectCode })
  @Matches(PROJECT_CODE_PATTERN, { message: IM.projectCode })
  projectCode!: string;

  @ApiProperty({ example: 7.5, exclusiveMinimum: true, minimum: 0, maximum: L.hoursMax, multipleOf: 0.01 })
  @IsHours()
  hours!: number;

  @ApiPropertyOptional({ maxLength: L.notesMax, nullable: true, type: String })
  @IsNotes()
  notes?: string | null;
}

export class ImportTimesheetsDto implements ImportTimesheetsRequest {
  @ApiProperty({ type: [ImportedEntryDto], minItems: 1, maxItems: ImportLimits.rowsMax })
  @IsArray({ message: IM.entries })
  @ArrayMinSize(1, { message: IM.entries })
  @ArrayMaxSize(ImportLimits.rowsMax, { message: IM.entries })
  @ValidateNested({ each: true })
  @Type(() => ImportedEntryDto)
  entries!: ImportedEntryDto[];
}

/** Response shapes, for the OpenAPI document. */
export class ImportedEntryResultResponse implements ImportedEntryResult {
  @ApiProperty({ description: 'index of the row in the request' }) row!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() projectCode!: string;
  @ApiProperty() hours!: number;
}

export class ImportTimesheetsResponseDto implements ImportTimesheetsResponse {
  @ApiProperty({ format: 'uuid' }) importId!: string;
  @ApiProperty({ enum: IMPORTED_ENTRY_STATUSES }) status!: ImportedEntryStatus;
  @ApiProperty() imported!: number;
  @ApiProperty({ type: [ImportedEntryResultResponse] }) entries!: ImportedEntryResultResponse[];
}
