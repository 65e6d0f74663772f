import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  type ApprovalOptionsDto,
  type ApprovalQueueItem,
  type ApprovalWeekDto,
  type BulkDecisionResponse,
  type Page,
  Scopes,
  type UndoDecisionResponse,
} from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import { BulkDecisionDto, ListApprovalQueueQueryDto, UndoDecisionDto } from '../dto/approval.dto';
import { IsoWeekPipe } from '../dto/week-param.pipe';
import {
  ApprovalOptionsResponse,
  ApprovalQueuePageResponse,
  ApprovalWeekResponse,
  BulkDecisionResultResponse,
  FieldErrorsResponse,
  UndoDecisionResultResponse,
} from '../dto/responses';
import { ApprovalsService } from './approvals.service';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 400 });

@ApiTags('approvals')
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get()
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiOkResponse({ type: ApprovalQueuePageResponse, description: 'Person-weeks of the people the caller approves for' })
  queue(@CurrentPrincipal() p: Principal, @Query() query: ListApprovalQueueQueryDto): Promise<Page<ApprovalQueueItem>> {
    return this.approvals.queue(p, query);
  }

  @Get('options')
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiOkResponse({ type: ApprovalOptionsResponse, description: "What the caller's queue can be filtered by" })
  options(@CurrentPrincipal() p: Principal): Promise<ApprovalOptionsDto> {
    return this.approvals.options(p);
  }

  @Get('people/:userId/weeks/:week')
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiParam({ name: 'week', example: '2026-W50' })
  @ApiOkResponse({ type: ApprovalWeekResponse })
  @ApiNotFoundResponse({ description: 'Not someone the caller approves for' })
  personWeek(
    @CurrentPrincipal() p: Principal,
    @Param('userId', uuid) userId: string,
    @Param('week', IsoWeekPipe) week: string,
  ): Promise<ApprovalWeekDto> {
    return this.approvals.personWeek(p, userId, week);
  }

  @Post('decisions')
  @HttpCode(200)
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiOkResponse({ type: BulkDecisionResultResponse, description: 'Every item decided, in one transaction' })
  @ApiBadRequestResponse({ type: FieldErrorsResponse })
  @ApiNotFoundResponse({ description: 'An item is not someone the caller approves for; nothing changed' })
  @ApiConflictResponse({
    description: 'An item has nothing pending, is locked, or was decided meanwhile; nothing changed',
  })
  decide(@CurrentPrincipal() p: Principal, @Body() dto: BulkDecisionDto): Promise<BulkDecisionResponse> {
    return this.approvals.decide(p, dto);
  }

  @Post('decisions/undo')
  @HttpCode(200)
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiOkResponse({ type: UndoDecisionResultResponse, description: 'Every item pending again, in one transaction' })
  @ApiBadRequestResponse({ type: FieldErrorsResponse })
  @ApiNotFoundResponse({ description: 'An item is not someone the caller approves for; nothing changed' })
  @ApiConflictResponse({
    description: 'Too late, locked, or an entry of the decision changed since; nothing changed',
  })
  undo(@CurrentPrincipal() p: Principal, @Body() dto: UndoDecisionDto): Promise<UndoDecisionResponse> {
    return this.approvals.undo(p, dto);
  }
}
