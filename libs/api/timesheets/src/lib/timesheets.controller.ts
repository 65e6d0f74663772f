import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Scopes, type Page, type TimesheetEntry } from '@timesheets/contracts';
import type { Principal, SerializedJson } from '@timesheets/api-core';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import { TimesheetsService } from './timesheets.service';
// Value imports (not `import type`): the ValidationPipe needs the classes at run time.
import {
  CreateTimesheetDto,
  ListTimesheetsQueryDto,
  RejectTimesheetDto,
  UpdateTimesheetDto,
} from './dto/timesheet.dto';
import { ENTRY_RESPONSE, FieldErrorsResponse, TimesheetPageResponse } from './dto/responses';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 400 });
const LOCKED = 'Not editable in its status, or on or before the period lock';

@ApiTags('timesheets')
@Controller('timesheets')
export class TimesheetsController {
  constructor(private readonly timesheets: TimesheetsService) {}

  @Get()
  @RequireScopes(Scopes.ReadTimesheets)
  @ApiOkResponse({ type: TimesheetPageResponse, description: "The caller's entries, newest first" })
  list(
    @CurrentPrincipal() p: Principal,
    @Query() query: ListTimesheetsQueryDto,
  ): Promise<SerializedJson<Page<TimesheetEntry>>> {
    return this.timesheets.listOwn(p, query);
  }

  @Get(':id')
  @RequireScopes(Scopes.ReadTimesheets)
  @ApiOkResponse({ schema: ENTRY_RESPONSE })
  @ApiNotFoundResponse({
    description: "Not found, or not the caller's nor a submitted entry of someone they approve for",
  })
  get(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<TimesheetEntry> {
    return this.timesheets.get(p, id);
  }

  @Post()
  @RequireScopes(Scopes.CreateTimesheets)
  @ApiCreatedResponse({ schema: ENTRY_RESPONSE, description: 'A draft' })
  @ApiBadRequestResponse({
    type: FieldErrorsResponse,
    description: 'Invalid fields, a project not open to the caller, a date too late, or more than 24 hours on the day',
  })
  @ApiConflictResponse({ description: 'The date is on or before the period lock' })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateTimesheetDto): Promise<TimesheetEntry> {
    return this.timesheets.create(p, dto);
  }

  @Patch(':id')
  @RequireScopes(Scopes.CreateTimesheets)
  @ApiOkResponse({ schema: ENTRY_RESPONSE, description: 'A draft (an edited rejected entry is a draft again)' })
  @ApiBadRequestResponse({ type: FieldErrorsResponse })
  @ApiConflictResponse({ description: LOCKED })
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
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: LOCKED })
  remove(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<void> {
    return this.timesheets.remove(p, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiOkResponse({ schema: ENTRY_RESPONSE })
  @ApiNotFoundResponse({ description: 'Not a submitted entry of someone the caller approves for' })
  @ApiConflictResponse({ description: 'Not pending, or on or before the period lock' })
  approve(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<TimesheetEntry> {
    return this.timesheets.approve(p, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiOkResponse({ schema: ENTRY_RESPONSE })
  @ApiNotFoundResponse({ description: 'Not a submitted entry of someone the caller approves for' })
  @ApiConflictResponse({ description: 'Not pending, or on or before the period lock' })
  reject(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: RejectTimesheetDto,
  ): Promise<TimesheetEntry> {
    return this.timesheets.reject(p, id, dto.reason);
  }
}
