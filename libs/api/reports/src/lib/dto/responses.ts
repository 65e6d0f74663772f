import { ApiProperty } from '@nestjs/swagger';
import {
  type FieldError,
  type GroupRef,
  type GroupWorkWeekDto,
  type HoursReport,
  type PersonRef,
  REPORT_DIMENSIONS,
  type ReportAmount,
  type ReportDimension,
  type ReportKey,
  type ReportOptionsDto,
  type ReportRow,
  type ReportSubtotal,
  type TeamWeekCell,
  type TeamWeekPerson,
  type TeamWeeksDto,
  TIMESHEET_STATUSES,
  type TimesheetStatus,
  type WeekState,
} from '@timesheets/contracts';

// Response shapes for the OpenAPI document only: the services return the contract's interfaces, which these implement.

class ReportKeyResponse implements ReportKey {
  @ApiProperty({ enum: REPORT_DIMENSIONS }) dimension!: ReportDimension;
  @ApiProperty({ type: String, nullable: true, description: 'What the filter of this dimension takes; null: none' })
  id!: string | null;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
}

class ReportAmountResponse implements ReportAmount {
  @ApiProperty() hours!: number;
  @ApiProperty() entries!: number;
}

class ReportRowResponse extends ReportAmountResponse implements ReportRow {
  @ApiProperty({ type: [ReportKeyResponse] }) keys!: ReportKey[];
}

class ReportSubtotalResponse extends ReportAmountResponse implements ReportSubtotal {
  @ApiProperty({ minimum: 1 }) level!: number;
  @ApiProperty({ type: [ReportKeyResponse] }) keys!: ReportKey[];
}

export class HoursReportResponse implements HoursReport {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ enum: REPORT_DIMENSIONS, isArray: true }) groupBy!: ReportDimension[];
  @ApiProperty({ enum: TIMESHEET_STATUSES, isArray: true }) status!: TimesheetStatus[];
  @ApiProperty({ type: [ReportRowResponse] }) rows!: ReportRow[];
  @ApiProperty({ type: [ReportSubtotalResponse] }) subtotals!: ReportSubtotal[];
  @ApiProperty({ type: ReportAmountResponse }) totals!: ReportAmount;
}

class PersonRefResponse implements PersonRef {
  @ApiProperty() userId!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

class NamedResponse implements GroupRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

class ReportProjectResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) customerId!: string | null;
  @ApiProperty() billable!: boolean;
}

export class ReportOptionsResponse implements ReportOptionsDto {
  @ApiProperty({ enum: ['everybody', 'team', 'own'] }) reach!: 'everybody' | 'team' | 'own';
  @ApiProperty({ type: [PersonRefResponse] }) people!: PersonRef[];
  @ApiProperty({ type: [NamedResponse] }) groups!: GroupRef[];
  @ApiProperty({ type: [NamedResponse] }) customers!: { id: string; name: string }[];
  @ApiProperty({ type: [ReportProjectResponse] }) projects!: ReportOptionsDto['projects'];
  @ApiProperty() maxPeriodDays!: number;
}

class TeamWeekCellResponse implements TeamWeekCell {
  @ApiProperty({ example: '2026-W50' }) week!: string;
  @ApiProperty({ enum: ['empty', ...TIMESHEET_STATUSES] }) state!: WeekState;
  @ApiProperty() submitted!: boolean;
  @ApiProperty() hours!: number;
  @ApiProperty() unsubmittedHours!: number;
}

class TeamWeekPersonResponse implements TeamWeekPerson {
  @ApiProperty({ type: PersonRefResponse }) person!: PersonRef;
  @ApiProperty() expectedHours!: number;
  @ApiProperty({ type: [TeamWeekCellResponse] }) weeks!: TeamWeekCell[];
}

class TeamWeekTotalsResponse {
  @ApiProperty() week!: string;
  @ApiProperty() hours!: number;
  @ApiProperty() expectedHours!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty() people!: number;
}

export class TeamWeeksResponse implements TeamWeeksDto {
  @ApiProperty({ type: [String], minItems: 2, maxItems: 2 }) weeks!: [string, string];
  @ApiProperty({ type: [TeamWeekPersonResponse] }) people!: TeamWeekPerson[];
  @ApiProperty({ type: [TeamWeekTotalsResponse] }) totals!: TeamWeeksDto['totals'];
}

export class GroupWorkWeekResponse implements GroupWorkWeekDto {
  @ApiProperty({ format: 'uuid' }) groupId!: string;
  @ApiProperty({ type: Number, nullable: true }) expectedWeekHours!: number | null;
  @ApiProperty() effectiveWeekHours!: number;
}

class FieldErrorResponse implements FieldError {
  @ApiProperty({ example: 'groupBy' }) field!: string;
  @ApiProperty() message!: string;
}

/** A 400 for invalid fields. */
export class ReportErrorsResponse {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ type: [String] }) message!: string[];
  @ApiProperty({ type: [FieldErrorResponse] }) errors!: FieldError[];
}
