import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { ENTRY_SCHEMA } from '../entries/entry.table';
import {
  type ApprovalOptionsDto,
  type ApprovalQueueItem,
  type ApprovalWeekDto,
  type BookableProjectDto,
  type BulkDecisionResponse,
  type UndoDecisionResponse,
  type CustomerDto,
  type Decision,
  DECISIONS,
  type FieldError,
  type GroupRef,
  type Page,
  type PeriodLockDto,
  type PersonRef,
  type ProjectDto,
  type ProjectRef,
  QUEUE_STATUSES,
  type QueueStatus,
  TIMESHEET_STATUSES,
  type TimesheetEntry,
  type TimesheetStatus,
  type WeekDto,
  type WeekState,
} from '@timesheets/contracts';

// Response shapes for the OpenAPI document only: the services return the contract's interfaces, which these implement.

export class ProjectRefResponse implements ProjectRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'APOLLO' }) code!: string;
  @ApiProperty({ example: 'Apollo website' }) name!: string;
}

/** An entry's schema comes from the column table's shape (entry.table.ts), like its JSON. */
export const ENTRY_RESPONSE = ENTRY_SCHEMA as SchemaObject;
const ENTRIES_RESPONSE = { type: 'array', items: ENTRY_RESPONSE } as const;

export class TimesheetPageResponse implements Page<TimesheetEntry> {
  @ApiProperty(ENTRIES_RESPONSE as ApiPropertyOptions) items!: TimesheetEntry[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class WeekTotalsResponse {
  @ApiProperty({ type: [Number], minItems: 7, maxItems: 7, description: 'Monday first' }) days!: number[];
  @ApiProperty() week!: number;
}

class StatusCountsResponse implements Record<TimesheetStatus, number> {
  @ApiProperty() draft!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() approved!: number;
  @ApiProperty() rejected!: number;
}

export class WeekResponse implements WeekDto {
  @ApiProperty({ example: '2026-W50' }) week!: string;
  @ApiProperty({ type: [String], format: 'date', minItems: 7, maxItems: 7 }) days!: string[];
  @ApiProperty({ enum: ['empty', ...TIMESHEET_STATUSES] }) state!: WeekState;
  @ApiProperty(ENTRIES_RESPONSE as ApiPropertyOptions) entries!: TimesheetEntry[];
  @ApiProperty({ type: WeekTotalsResponse }) totals!: { days: number[]; week: number };
  @ApiProperty({ type: StatusCountsResponse }) counts!: Record<TimesheetStatus, number>;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) lockedThrough!: string | null;
  @ApiProperty({ format: 'date' }) latestDate!: string;
}

class CustomerRefResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class BookableProjectResponse extends ProjectRefResponse implements BookableProjectDto {
  @ApiProperty({ type: CustomerRefResponse, nullable: true }) customer!: { id: string; name: string } | null;
  @ApiProperty() billable!: boolean;
}

export class CustomerResponse implements CustomerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() archived!: boolean;
}

class GroupRefResponse implements GroupRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class ProjectResponse extends ProjectRefResponse implements ProjectDto {
  @ApiProperty({ type: CustomerRefResponse, nullable: true }) customer!: { id: string; name: string } | null;
  @ApiProperty() billable!: boolean;
  @ApiProperty() archived!: boolean;
  @ApiProperty({ type: [GroupRefResponse], description: 'Empty: open to everyone' }) allowedGroups!: GroupRef[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProjectPageResponse implements Page<ProjectDto> {
  @ApiProperty({ type: [ProjectResponse] }) items!: ProjectDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

class PersonRefResponse implements PersonRef {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ description: "Token subject: the entries' ownerId" }) ownerId!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
}

export class ApprovalQueueItemResponse implements ApprovalQueueItem {
  @ApiProperty({ type: PersonRefResponse }) person!: PersonRef;
  @ApiProperty({ example: '2026-W50' }) week!: string;
  @ApiProperty({ enum: QUEUE_STATUSES }) status!: QueueStatus;
  @ApiProperty() hours!: number;
  @ApiProperty({ type: [Number], minItems: 7, maxItems: 7 }) days!: number[];
  @ApiProperty() entries!: number;
}

export class ApprovalQueuePageResponse implements Page<ApprovalQueueItem> {
  @ApiProperty({ type: [ApprovalQueueItemResponse] }) items!: ApprovalQueueItem[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ApprovalWeekResponse implements ApprovalWeekDto {
  @ApiProperty({ type: PersonRefResponse }) person!: PersonRef;
  @ApiProperty({ example: '2026-W50' }) week!: string;
  @ApiProperty({ type: [String], format: 'date' }) days!: string[];
  @ApiProperty(ENTRIES_RESPONSE as ApiPropertyOptions) entries!: TimesheetEntry[];
  @ApiProperty({ type: WeekTotalsResponse }) totals!: { days: number[]; week: number };
}

export class ApprovalOptionsResponse implements ApprovalOptionsDto {
  @ApiProperty({ type: [PersonRefResponse] }) people!: PersonRef[];
  @ApiProperty({ type: [GroupRefResponse] }) groups!: GroupRef[];
  @ApiProperty({ type: [ProjectRefResponse] }) projects!: ProjectRef[];
}

class DecidedItemResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() week!: string;
  @ApiProperty() entries!: number;
  @ApiProperty() hours!: number;
}

export class BulkDecisionResultResponse implements BulkDecisionResponse {
  @ApiProperty({ enum: DECISIONS }) decision!: Decision;
  @ApiProperty({ format: 'date-time', description: 'Names this decision for an undo' }) decidedAt!: string;
  @ApiProperty({ type: [DecidedItemResponse] }) items!: BulkDecisionResponse['items'];
  @ApiProperty() entries!: number;
}

class UndoneItemResponse {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() week!: string;
  @ApiProperty({ description: 'Entries pending again' }) entries!: number;
}

export class UndoDecisionResultResponse implements UndoDecisionResponse {
  @ApiProperty({ type: [UndoneItemResponse] }) items!: UndoDecisionResponse['items'];
  @ApiProperty() entries!: number;
}

export class PeriodLockResponse implements PeriodLockDto {
  @ApiProperty({ nullable: true, type: String, format: 'date' }) lockedThrough!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedBy!: string | null;
}

class FieldErrorResponse implements FieldError {
  @ApiProperty({ example: 'entries[3].hours' }) field!: string;
  @ApiProperty() message!: string;
}

/** A 400 for invalid fields. */
export class FieldErrorsResponse {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ type: [String] }) message!: string[];
  @ApiPropertyOptional({ type: [FieldErrorResponse] }) errors?: FieldError[];
}
