import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { CreatePermissionRequest, UpdatePermissionRequest } from '@timesheets/contracts';
import { DESCRIPTION_MAX, NAME_MAX, SCOPE_TOKEN, Trim } from './validation';

const NAME_MESSAGE = `name must be a scope token (1 to ${NAME_MAX} printable characters without spaces, quotes or backslashes)`;

export class CreatePermissionDto implements CreatePermissionRequest {
  @ApiProperty({ example: 'export:timesheets', maxLength: NAME_MAX })
  @IsString({ message: NAME_MESSAGE })
  @Length(1, NAME_MAX, { message: NAME_MESSAGE })
  @Matches(SCOPE_TOKEN, { message: NAME_MESSAGE })
  name!: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;
}

export class UpdatePermissionDto implements UpdatePermissionRequest {
  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @ValidateIf((o: UpdatePermissionDto) => o.name !== undefined)
  @IsString({ message: NAME_MESSAGE })
  @Length(1, NAME_MAX, { message: NAME_MESSAGE })
  @Matches(SCOPE_TOKEN, { message: NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @ValidateIf((o: UpdatePermissionDto) => o.description !== undefined)
  @Trim()
  @IsString()
  @MaxLength(DESCRIPTION_MAX)
  description?: string;
}

export class DeletePermissionQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'also remove the permission from every role using it' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'cascade must be true or false' })
  cascade?: 'true' | 'false';
}
