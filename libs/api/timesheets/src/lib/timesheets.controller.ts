import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Scopes, type Page, type TimesheetEntry } from '@timesheets/contracts';
import type { Principal, SerializedJson } from '@timesheets/api-core';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import { TimesheetsService } from './timesheets.service';
// Value imports (not `import type`): the ValidationPipe needs the classes at run time.
import {
  CreateTimesheetDto,
  ListApprovalsQueryDto,
  ListTimesheetsQueryDto,
  RejectTimesheetDto,
  UpdateTimesheetDto,
} from './dto/timesheet.dto';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 400 });

@ApiTags('timesheets')
@Controller('timesheets')
export class TimesheetsController {
  constructor(private readonly timesheets: TimesheetsService) {}

  @Get()
  @RequireScopes(Scopes.ReadTimesheets)
  list(
    @CurrentPrincipal() p: Principal,
    @Query() query: ListTimesheetsQueryDto,
  ): Promise<SerializedJson<Page<TimesheetEntry>>> {
    return this.timesheets.listOwn(p, query);
  }

  @Get(':id')
  @RequireScopes(Scopes.ReadTimesheets)
  @ApiNotFoundResponse({ description: "Not found, or another user's entry without approve:timesheets" })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<TimesheetEntry> {
    return this.timesheets.get(p, id);
  }

  @Post()
  @RequireScopes(Scopes.CreateTimesheets)
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateTimesheetDto): Promise<TimesheetEntry> {
    return this.timesheets.create(p, dto);
  }

  @Patch(':id')
  @RequireScopes(Scopes.CreateTimesheets)
  @ApiConflictResponse({ description: 'The entry is approved' })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: UpdateTimesheetDto,
  ): Promise<TimesheetEntry> {
    return this.timesheets.update(p, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScopes(Scopes.DeleteTimesheets)
  @ApiConflictResponse({ description: 'The entry is approved' })
  remove(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<void> {
    return this.timesheets.remove(p, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiConflictResponse({ description: 'The entry is not pending' })
  approve(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<TimesheetEntry> {
    return this.timesheets.approve(p, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiConflictResponse({ description: 'The entry is not pending' })
  reject(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: RejectTimesheetDto,
  ): Promise<TimesheetEntry> {
    return this.timesheets.reject(p, id, dto.reason);
  }
}

@ApiTags('approvals')
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly timesheets: TimesheetsService) {}

  @Get()
  @RequireScopes(Scopes.ApproveTimesheets)
  list(
    @CurrentPrincipal() p: Principal,
    @Query() query: ListApprovalsQueryDto,
  ): Promise<SerializedJson<Page<TimesheetEntry>>> {
    return this.timesheets.listApprovals(p, query);
  }
}
