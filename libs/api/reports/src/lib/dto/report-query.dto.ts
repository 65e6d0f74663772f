import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import {
  DECIMAL_SEPARATORS,
  type DecimalSeparator,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  type ExportFormat,
  type ExportKind,
  type HoursExportQuery,
  type HoursReportQuery,
  REPORT_DIMENSIONS,
  type ReportDimension,
  ReportLimits as L,
  ReportMessages as M,
  TIMESHEET_STATUSES,
  type TimesheetStatus,
} from '@timesheets/contracts';
import { IsCalendarDate } from '@timesheets/api-core';

/** `a,b` (or the parameter repeated) as a list; every item kept, empty ones too (so that they fail validation). */
const CommaList = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'string') return value.split(',');
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.flatMap((v) => v.split(','));
    return value;
  });

/** `true` / `false` in a query string; anything else is left for the validator to refuse. */
const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** An optional comma-separated list of 1..filterValuesMax ids. */
const IdList = (message: string, uuid: boolean) =>
  applyDecorators(
    IsOptional(),
    CommaList(),
    IsArray({ message }),
    ArrayMinSize(1, { message }),
    ArrayMaxSize(L.filterValuesMax, { message }),
    ...(uuid
      ? [IsUUID(undefined, { each: true, message })]
      : [IsString({ each: true, message }), Length(1, 255, { each: true, message })]),
  );

const listDoc = (description: string, format?: string) =>
  ApiPropertyOptional({
    type: 'string',
    description: `${description}; comma-separated`,
    ...(format ? { example: format } : {}),
  });

export class HoursReportQueryDto implements HoursReportQuery {
  @ApiProperty({ example: '2026-11-01', description: 'First day, included' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day, included' })
  @IsCalendarDate()
  to!: string;

  @listDoc(`Dimensions, outermost first, at most ${L.groupByMax} of ${REPORT_DIMENSIONS.join(', ')}`, 'person,month')
  @IsOptional()
  @CommaList()
  @IsArray({ message: M.groupBy })
  @ArrayMaxSize(L.groupByMax, { message: M.groupBy })
  @IsIn(REPORT_DIMENSIONS, { each: true, message: M.groupBy })
  groupBy?: ReportDimension[];

  @listDoc('Owner ids (PersonRef.ownerId)')
  @IdList(M.person, false)
  person?: string[];

  @listDoc('Group ids: their members, through nesting too')
  @IdList(M.group, true)
  group?: string[];

  @listDoc('Customer ids')
  @IdList(M.customer, true)
  customer?: string[];

  @listDoc('Project ids')
  @IdList(M.project, true)
  project?: string[];

  @ApiPropertyOptional({ type: 'boolean' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: M.billable })
  billable?: boolean;

  @listDoc(`Statuses counted, of ${TIMESHEET_STATUSES.join(', ')}; default pending,approved`, 'approved')
  @IsOptional()
  @CommaList()
  @IsArray({ message: M.status })
  @ArrayMinSize(1, { message: M.status })
  @IsIn(TIMESHEET_STATUSES, { each: true, message: M.status })
  status?: TimesheetStatus[];
}

export class HoursExportQueryDto extends HoursReportQueryDto implements HoursExportQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS, { message: M.format })
  format!: ExportFormat;

  @ApiPropertyOptional({ enum: EXPORT_KINDS, default: 'detail' })
  @IsOptional()
  @IsIn(EXPORT_KINDS, { message: M.kind })
  kind?: ExportKind;

  @ApiPropertyOptional({ type: 'boolean', default: false, description: 'CSV: start with a UTF-8 byte order mark' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: M.bom })
  bom?: boolean;

  @ApiPropertyOptional({
    enum: DECIMAL_SEPARATORS,
    default: 'point',
    description: 'CSV: comma also makes ; the separator',
  })
  @IsOptional()
  @IsIn(DECIMAL_SEPARATORS, { message: M.decimal })
  decimal?: DecimalSeparator;
}
