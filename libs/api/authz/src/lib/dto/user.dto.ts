import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type {
  AccessChangeRefusal,
  AccessPreviewDto,
  AccessPreviewRequest,
  EffectivePermission,
  ListUsersQuery,
  PermissionSource,
  ProvisionUserRequest,
} from '@timesheets/contracts';
import { Lowercase, Trim } from './validation';

const LIMIT_MESSAGE = 'limit must be an integer from 1 to 100';

export class ProvisionUserDto implements ProvisionUserRequest {
  @ApiProperty({ example: 'dave@exampleco.test' })
  @Lowercase()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(100, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class ListUsersQueryDto extends PageQueryDto implements ListUsersQuery {
  @ApiPropertyOptional({ description: 'part of the email or name, or the exact subject' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

const PREVIEW_IDS_MAX = 200;

export class AccessPreviewRequestDto implements AccessPreviewRequest {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: PREVIEW_IDS_MAX, description: 'Every direct role, after' })
  @IsArray({ message: `roleIds must be a list of at most ${PREVIEW_IDS_MAX} role ids` })
  @ArrayMaxSize(PREVIEW_IDS_MAX, { message: `roleIds must be a list of at most ${PREVIEW_IDS_MAX} role ids` })
  @IsUUID(undefined, { each: true, message: 'each of roleIds must be a role id (UUID)' })
  roleIds!: string[];

  @ApiProperty({ type: [String], format: 'uuid', maxItems: PREVIEW_IDS_MAX, description: 'Every direct group, after' })
  @IsArray({ message: `groupIds must be a list of at most ${PREVIEW_IDS_MAX} group ids` })
  @ArrayMaxSize(PREVIEW_IDS_MAX, { message: `groupIds must be a list of at most ${PREVIEW_IDS_MAX} group ids` })
  @IsUUID(undefined, { each: true, message: 'each of groupIds must be a group id (UUID)' })
  groupIds!: string[];
}

// Response shapes for the OpenAPI document only: the service returns the contract's interfaces.
class PermissionSourceResponse implements PermissionSource {
  @ApiProperty() role!: string;
  @ApiProperty({ type: [String], description: 'Groups it comes through, outermost last; empty when direct' })
  via!: string[];
}

class EffectivePermissionResponse implements EffectivePermission {
  @ApiProperty() permission!: string;
  @ApiProperty({ type: [PermissionSourceResponse] }) sources!: PermissionSource[];
}

export class AccessChangeRefusalResponse {
  @ApiProperty({ enum: ['lockout', 'escalation'] }) reason!: 'lockout' | 'escalation';
  @ApiProperty({ description: 'What the API answers when the change is applied (409 lockout, 403 escalation)' })
  message!: string;
  @ApiPropertyOptional({ type: [String], description: 'escalation: the permissions the caller does not hold' })
  permissions?: string[];
}

export class AccessPreviewResponse implements AccessPreviewDto {
  @ApiProperty({ type: [EffectivePermissionResponse] }) effectivePermissions!: EffectivePermission[];
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [String] }) removed!: string[];
  @ApiProperty({ type: [String], description: "What the roles of the user's current groups give and they would lack" })
  belowGroupDefaults!: string[];
  @ApiProperty({
    type: AccessChangeRefusalResponse,
    nullable: true,
    description: 'Null when the change would be accepted; otherwise why applying it would be refused',
  })
  refusal!: AccessChangeRefusal | null;
}
