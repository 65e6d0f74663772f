import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Min,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  type BulkDecisionRequest,
  type Decision,
  DECISIONS,
  type ListApprovalQueueQuery,
  type PersonWeekRef,
  QUEUE_STATUSES,
  type UndoDecisionRequest,
  type QueueStatus,
  TimesheetLimits as L,
  TimesheetMessages as M,
} from '@timesheets/contracts';
import { IsCursor, IsIsoWeek, IsPageLimit, Trim } from './validators';

export class ListApprovalQueueQueryDto implements ListApprovalQueueQuery {
  @ApiPropertyOptional({ enum: QUEUE_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(QUEUE_STATUSES, { message: M.queueStatus })
  status?: QueueStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "A person's user id" })
  @IsOptional()
  @IsUUID(undefined, { message: M.userId })
  person?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A group id: its members, through nesting too' })
  @IsOptional()
  @IsUUID(undefined, { message: M.id })
  group?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A project id: only entries on it count' })
  @IsOptional()
  @IsUUID(undefined, { message: M.projectId })
  project?: string;

  @ApiPropertyOptional({ example: '2026-W45', description: 'First ISO week, inclusive' })
  @IsOptional()
  @IsIsoWeek()
  from?: string;

  @ApiPropertyOptional({ example: '2026-W50', description: 'Last ISO week, inclusive' })
  @IsOptional()
  @IsIsoWeek()
  to?: string;

  @ApiPropertyOptional({ minimum: L.pageMin, maximum: L.pageMax, default: L.pageDefault })
  @IsPageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsCursor()
  cursor?: string;
}

export class PersonWeekRefDto implements PersonWeekRef {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(undefined, { message: M.userId })
  userId!: string;

  @ApiProperty({ example: '2026-W50' })
  @IsIsoWeek()
  week!: string;
}

export class BulkDecisionDto implements BulkDecisionRequest {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: M.decision })
  decision!: Decision;

  @ApiPropertyOptional({ minLength: L.reasonMin, maxLength: L.reasonMax, description: 'Required to reject' })
  @ValidateIf((o: BulkDecisionDto) => o.decision === 'reject' || o.reason !== undefined)
  @Trim()
  @IsString({ message: M.rejectionReason })
  @Length(L.reasonMin, L.reasonMax, { message: M.rejectionReason })
  reason?: string;

  @ApiProperty({ type: [PersonWeekRefDto], minItems: 1, maxItems: L.bulkItemsMax })
  @IsArray({ message: M.bulkItems })
  @ArrayMinSize(1, { message: M.bulkItems })
  @ArrayMaxSize(L.bulkItemsMax, { message: M.bulkItems })
  @ValidateNested({ each: true })
  @Type(() => PersonWeekRefDto)
  items!: PersonWeekRefDto[];
}

export class UndoItemDto extends PersonWeekRefDto {
  @ApiProperty({ minimum: 1, description: 'How many entries the decision answered for this person-week' })
  @IsInt({ message: M.undoEntries })
  @Min(1, { message: M.undoEntries })
  entries!: number;
}

export class UndoDecisionDto implements UndoDecisionRequest {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: M.decision })
  decision!: Decision;

  @ApiProperty({ format: 'date-time', description: "The decision's decidedAt" })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: M.decidedAt })
  decidedAt!: string;

  @ApiProperty({ type: [UndoItemDto], minItems: 1, maxItems: L.bulkItemsMax })
  @IsArray({ message: M.bulkItems })
  @ArrayMinSize(1, { message: M.bulkItems })
  @ArrayMaxSize(L.bulkItemsMax, { message: M.bulkItems })
  @ValidateNested({ each: true })
  @Type(() => UndoItemDto)
  items!: UndoItemDto[];
}
