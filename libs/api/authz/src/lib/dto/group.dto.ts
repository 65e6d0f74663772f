import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { CreateGroupRequest, UpdateGroupRequest } from '@timesheets/contracts';
import { DESCRIPTION_MAX, NAME_MAX, PLAIN_NAME, Trim } from './validation';

const NAME_MESSAGE = `name must be 1 to ${NAME_MAX} characters`;
const PARENT_MESSAGE = 'parentId must be a group id (UUID) or null';

export class CreateGroupDto implements CreateGroupRequest {
  @ApiProperty({ example: 'Engineering', maxLength: NAME_MAX })
  @Trim()
  @IsString({ message: NAME_MESSAGE })
  @Length(1, NAME_MAX, { message: NAME_MESSAGE })
  @Matches(PLAIN_NAME, { message: NAME_MESSAGE })
  name!: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: PARENT_MESSAGE })
  parentId?: string | null;
}

/** `parentId: null` moves the group to the top; leaving it out keeps the parent. */
export class UpdateGroupDto implements UpdateGroupRequest {
  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @ValidateIf((o: UpdateGroupDto) => o.name !== undefined)
  @Trim()
  @IsString({ message: NAME_MESSAGE })
  @Length(1, NAME_MAX, { message: NAME_MESSAGE })
  @Matches(PLAIN_NAME, { message: NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @ValidateIf((o: UpdateGroupDto) => o.description !== undefined)
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional({ nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: PARENT_MESSAGE })
  parentId?: string | null;
}
