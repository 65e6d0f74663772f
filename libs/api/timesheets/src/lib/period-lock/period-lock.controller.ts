import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type PeriodLockDto, Scopes } from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import { SetPeriodLockDto } from '../dto/period-lock.dto';
import { FieldErrorsResponse, PeriodLockResponse } from '../dto/responses';
import { PeriodLockService } from './period-lock.service';

@ApiTags('period lock')
@Controller('period-lock')
export class PeriodLockController {
  constructor(private readonly lock: PeriodLockService) {}

  /** Anyone signed in may know what is locked (the week grid greys it out). */
  @Get()
  @RequireScopes()
  @ApiOkResponse({ type: PeriodLockResponse })
  get(): Promise<PeriodLockDto> {
    return this.lock.get();
  }
}

@ApiTags('admin: period lock')
@Controller('admin/period-lock')
export class AdminPeriodLockController {
  constructor(private readonly lock: PeriodLockService) {}

  @Get()
  @RequireScopes(Scopes.ManagePeriodLock)
  @ApiOkResponse({ type: PeriodLockResponse })
  get(): Promise<PeriodLockDto> {
    return this.lock.get();
  }

  @Put()
  @RequireScopes(Scopes.ManagePeriodLock)
  @ApiOkResponse({ type: PeriodLockResponse, description: 'Moved (audited as period_lock.set)' })
  @ApiBadRequestResponse({ type: FieldErrorsResponse })
  set(@CurrentPrincipal() actor: Principal, @Body() dto: SetPeriodLockDto): Promise<PeriodLockDto> {
    return this.lock.set(actor, dto.lockedThrough);
  }
}
