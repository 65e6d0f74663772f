import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { CreateRoleRequest, SetRolePermissionsRequest, UpdateRoleRequest } from '@timesheets/contracts';
import { DESCRIPTION_MAX, NAME_MAX, PLAIN_NAME, SCOPE_TOKEN, Trim } from './validation';

const NAME_MESSAGE = `name must be 1 to ${NAME_MAX} characters`;
const PERMISSIONS_MESSAGE = 'permissions must be an array of permission names';

export class CreateRoleDto implements CreateRoleRequest {
  @ApiProperty({ example: 'auditor', maxLength: NAME_MAX })
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

  @ApiPropertyOptional({ type: [String], example: ['read:audit'] })
  @IsOptional()
  @IsArray({ message: PERMISSIONS_MESSAGE })
  @ArrayMaxSize(500)
  @IsString({ each: true, message: PERMISSIONS_MESSAGE })
  @Matches(SCOPE_TOKEN, { each: true, message: PERMISSIONS_MESSAGE })
  permissions?: string[];
}

export class UpdateRoleDto implements UpdateRoleRequest {
  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @ValidateIf((o: UpdateRoleDto) => o.name !== undefined)
  @Trim()
  @IsString({ message: NAME_MESSAGE })
  @Length(1, NAME_MAX, { message: NAME_MESSAGE })
  @Matches(PLAIN_NAME, { message: NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @ValidateIf((o: UpdateRoleDto) => o.description !== undefined)
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;
}

export class SetRolePermissionsDto implements SetRolePermissionsRequest {
  @ApiProperty({ type: [String], example: ['read:timesheets', 'approve:timesheets'] })
  @IsArray({ message: PERMISSIONS_MESSAGE })
  @ArrayMaxSize(500)
  @IsString({ each: true, message: PERMISSIONS_MESSAGE })
  @Matches(SCOPE_TOKEN, { each: true, message: PERMISSIONS_MESSAGE })
  permissions!: string[];
}
