import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { ListAuditQuery } from '@timesheets/contracts';
import { IsDateOrDateTime } from '@timesheets/api-core';
import { PageQueryDto } from './user.dto';

export class ListAuditQueryDto extends PageQueryDto implements ListAuditQuery {
  @ApiPropertyOptional({ example: 'role.create' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ description: 'token subject of the actor' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  actorId?: string;

  @ApiPropertyOptional({ example: 'role' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  targetType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  targetId?: string;

  @ApiPropertyOptional({
    description: 'earliest entry, inclusive: a date (YYYY-MM-DD, from its start in UTC) or an RFC 3339 date-time',
    example: '2026-11-01',
  })
  @IsOptional()
  @IsDateOrDateTime()
  from?: string;

  @ApiPropertyOptional({
    description: 'latest entry, inclusive: a date (YYYY-MM-DD, to its end in UTC) or an RFC 3339 date-time',
    example: '2026-11-30T18:00:00Z',
  })
  @IsOptional()
  @IsDateOrDateTime()
  to?: string;
}
