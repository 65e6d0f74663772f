import { BadRequestException, Body, Controller, Headers, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  ImportMessages as IM,
  type ImportTimesheetsResponse,
  MachineScopes,
} from '@timesheets/contracts';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { ImportTimesheetsDto, ImportTimesheetsResponseDto } from '../dto/import.dto';
import { ImportsService } from './imports.service';

/** Batch upload by machine clients (client-credentials tokens with import:timesheets). */
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('timesheets')
  @RequireScopes(MachineScopes.ImportTimesheets)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and body gets the first answer; the same key with another body is 409',
  })
  @ApiCreatedResponse({ type: ImportTimesheetsResponseDto, description: 'Every row imported (or the first answer)' })
  @ApiConflictResponse({ description: 'A row on or before the period lock, or the key used with another body' })
  importTimesheets(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ImportTimesheetsDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) key: string | undefined,
  ): Promise<ImportTimesheetsResponse> {
    if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) throw new BadRequestException([IM.idempotencyKey]);
    return this.imports.importTimesheets(principal, dto, key ?? null);
  }
}
