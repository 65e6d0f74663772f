import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import {
  type CreateCustomerRequest,
  type CreateProjectRequest,
  type ListCustomersQuery,
  type ListProjectsQuery,
  PROJECT_CODE_PATTERN,
  TimesheetLimits as L,
  TimesheetMessages as M,
  type UpdateCustomerRequest,
  type UpdateProjectRequest,
} from '@timesheets/contracts';
import { IsCursor, IsPageLimit, QueryBoolean, Trim } from './validators';

const Code = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));
/** Names: no control characters. */
const PLAIN = /^[^\p{Cc}]+$/u;

export class CreateCustomerDto implements CreateCustomerRequest {
  @ApiProperty({ minLength: L.customerNameMin, maxLength: L.customerNameMax, example: 'Acme Corporation' })
  @Trim()
  @IsString({ message: M.customerName })
  @Length(L.customerNameMin, L.customerNameMax, { message: M.customerName })
  @Matches(PLAIN, { message: M.customerName })
  name!: string;
}

export class UpdateCustomerDto implements UpdateCustomerRequest {
  @ApiPropertyOptional({ minLength: L.customerNameMin, maxLength: L.customerNameMax })
  @ValidateIf((o: UpdateCustomerDto) => o.name !== undefined)
  @Trim()
  @IsString({ message: M.customerName })
  @Length(L.customerNameMin, L.customerNameMax, { message: M.customerName })
  @Matches(PLAIN, { message: M.customerName })
  name?: string;

  @ApiPropertyOptional({ description: 'true archives, false restores' })
  @ValidateIf((o: UpdateCustomerDto) => o.archived !== undefined)
  @IsBoolean({ message: M.archived })
  archived?: boolean;
}

export class ListCustomersQueryDto implements ListCustomersQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true lists archived customers too' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: M.archived })
  includeArchived?: boolean;
}

export class CreateProjectDto implements CreateProjectRequest {
  @ApiProperty({
    minLength: L.projectCodeMin,
    maxLength: L.projectCodeMax,
    example: 'APOLLO',
    pattern: PROJECT_CODE_PATTERN.source,
  })
  @Code()
  @IsString({ message: M.projectCode })
  @Length(L.projectCodeMin, L.projectCodeMax, { message: M.projectCode })
  @Matches(PROJECT_CODE_PATTERN, { message: M.projectCode })
  code!: string;

  @ApiProperty({ minLength: L.projectNameMin, maxLength: L.projectNameMax, example: 'Apollo website' })
  @Trim()
  @IsString({ message: M.projectName })
  @Length(L.projectNameMin, L.projectNameMax, { message: M.projectName })
  @Matches(PLAIN, { message: M.projectName })
  name!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'null: internal work' })
  @ValidateIf((o: CreateProjectDto) => o.customerId !== undefined && o.customerId !== null)
  @IsUUID(undefined, { message: M.customerId })
  customerId?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean({ message: M.billable })
  billable?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: L.projectGroupsMax, description: 'Empty: everyone' })
  @IsOptional()
  @IsArray({ message: M.allowedGroupIds })
  @ArrayMaxSize(L.projectGroupsMax, { message: M.allowedGroupIds })
  @IsUUID(undefined, { each: true, message: M.allowedGroupIds })
  allowedGroupIds?: string[];
}

export class UpdateProjectDto implements UpdateProjectRequest {
  @ApiPropertyOptional({
    minLength: L.projectCodeMin,
    maxLength: L.projectCodeMax,
    pattern: PROJECT_CODE_PATTERN.source,
  })
  @ValidateIf((o: UpdateProjectDto) => o.code !== undefined)
  @Code()
  @IsString({ message: M.projectCode })
  @Length(L.projectCodeMin, L.projectCodeMax, { message: M.projectCode })
  @Matches(PROJECT_CODE_PATTERN, { message: M.projectCode })
  code?: string;

  @ApiPropertyOptional({ minLength: L.projectNameMin, maxLength: L.projectNameMax })
  @ValidateIf((o: UpdateProjectDto) => o.name !== undefined)
  @Trim()
  @IsString({ message: M.projectName })
  @Length(L.projectNameMin, L.projectNameMax, { message: M.projectName })
  @Matches(PLAIN, { message: M.projectName })
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @ValidateIf((o: UpdateProjectDto) => o.customerId !== undefined && o.customerId !== null)
  @IsUUID(undefined, { message: M.customerId })
  customerId?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateProjectDto) => o.billable !== undefined)
  @IsBoolean({ message: M.billable })
  billable?: boolean;

  @ApiPropertyOptional({ description: 'true archives (no new bookings), false restores' })
  @ValidateIf((o: UpdateProjectDto) => o.archived !== undefined)
  @IsBoolean({ message: M.archived })
  archived?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: L.projectGroupsMax })
  @ValidateIf((o: UpdateProjectDto) => o.allowedGroupIds !== undefined)
  @IsArray({ message: M.allowedGroupIds })
  @ArrayMaxSize(L.projectGroupsMax, { message: M.allowedGroupIds })
  @IsUUID(undefined, { each: true, message: M.allowedGroupIds })
  allowedGroupIds?: string[];
}

export class ListProjectsQueryDto implements ListProjectsQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the code or name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: M.customerId })
  customerId?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'true: archived projects' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: M.archived })
  archived?: boolean;

  @ApiPropertyOptional({ minimum: L.pageMin, maximum: L.pageMax, default: L.pageDefault })
  @IsPageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsCursor()
  cursor?: string;
}
