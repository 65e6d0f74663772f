import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ListUsersQuery, ProvisionUserRequest } from '@timesheets/contracts';
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
