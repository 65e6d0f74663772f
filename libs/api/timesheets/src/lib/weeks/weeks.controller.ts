import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Scopes, type WeekDto } from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import { SaveWeekDto } from '../dto/week.dto';
import { IsoWeekPipe } from '../dto/week-param.pipe';
import { FieldErrorsResponse, WeekResponse } from '../dto/responses';
import { WeeksService } from './weeks.service';

const WEEK = { name: 'week', example: '2026-W50', description: 'ISO week, Monday first' };

@ApiTags('weeks')
@Controller('weeks')
export class WeeksController {
  constructor(private readonly weeks: WeeksService) {}

  @Get(':week')
  @RequireScopes(Scopes.ReadTimesheets)
  @ApiParam(WEEK)
  @ApiOkResponse({ type: WeekResponse, description: "The caller's week: entries, totals, state, lock, latest date" })
  get(@CurrentPrincipal() p: Principal, @Param('week', IsoWeekPipe) week: string): Promise<WeekDto> {
    return this.weeks.get(p, week);
  }

  @Put(':week/entries')
  @RequireScopes(Scopes.CreateTimesheets)
  @ApiParam(WEEK)
  @ApiOkResponse({ type: WeekResponse, description: 'The week after saving its drafts (all or nothing)' })
  @ApiBadRequestResponse({ type: FieldErrorsResponse, description: 'Errors name the row: entries[3].hours' })
  @ApiConflictResponse({
    description: 'A listed entry is pending or approved, or a date is on or before the period lock',
  })
  save(
    @CurrentPrincipal() p: Principal,
    @Param('week', IsoWeekPipe) week: string,
    @Body() dto: SaveWeekDto,
  ): Promise<WeekDto> {
    return this.weeks.save(p, week, dto);
  }

  @Post(':week/submit')
  @HttpCode(200)
  @RequireScopes(Scopes.CreateTimesheets)
  @ApiParam(WEEK)
  @ApiOkResponse({ type: WeekResponse, description: "The week, its drafts now pending in the approvers' queue" })
  @ApiConflictResponse({ description: 'No drafts to submit, or a draft on or before the period lock' })
  submit(@CurrentPrincipal() p: Principal, @Param('week', IsoWeekPipe) week: string): Promise<WeekDto> {
    return this.weeks.submit(p, week);
  }
}
