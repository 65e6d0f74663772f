import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Put, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  type GroupWorkWeekDto,
  type HoursReport,
  type ReportOptionsDto,
  Scopes,
  type TeamWeeksDto,
} from '@timesheets/contracts';
import type { Principal } from '@timesheets/api-core';
import { CurrentPrincipal, RequireScopes } from '@timesheets/api-auth';
import { HoursExportQueryDto, HoursReportQueryDto } from './dto/report-query.dto';
import {
  GroupWorkWeekResponse,
  HoursReportResponse,
  ReportErrorsResponse,
  ReportOptionsResponse,
  TeamWeeksResponse,
} from './dto/responses';
import { SetGroupWorkWeekDto, TeamWeeksQueryDto } from './dto/team-weeks.dto';
import { ReportsService } from './reports.service';
import { TeamWeeksService } from './team-weeks.service';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 400 });
const REACH =
  'Reach: everybody with read:reports; oneself and the people one approves for with approve:timesheets; oneself ' +
  'with read:timesheets; 403 without any of them, or when a filter names someone or a group outside the reach.';

/**
 * Reports are open to any valid token (`@RequireScopes()`): which scope the caller holds decides whose time they
 * see (the reach, checked by ReachResolver on every request), not whether they may ask.
 */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly teamWeeks: TeamWeeksService,
  ) {}

  @Get('hours')
  @RequireScopes()
  @ApiOkResponse({ type: HoursReportResponse, description: `Rows, subtotals and totals. ${REACH}` })
  @ApiBadRequestResponse({ type: ReportErrorsResponse })
  @ApiForbiddenResponse({ description: REACH })
  hours(@CurrentPrincipal() p: Principal, @Query() q: HoursReportQueryDto): Promise<HoursReport> {
    return this.reports.hours(p, q);
  }

  @Get('hours/export')
  @RequireScopes()
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: `The file, streamed (detail or aggregate rows, then a totals row). ${REACH}` })
  @ApiBadRequestResponse({ type: ReportErrorsResponse })
  @ApiForbiddenResponse({ description: REACH })
  async export(@CurrentPrincipal() p: Principal, @Query() q: HoursExportQueryDto): Promise<StreamableFile> {
    const file = await this.reports.export(p, q);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Get('options')
  @RequireScopes()
  @ApiOkResponse({ type: ReportOptionsResponse, description: `What the caller's reports can be filtered by. ${REACH}` })
  @ApiForbiddenResponse({ description: REACH })
  options(@CurrentPrincipal() p: Principal): Promise<ReportOptionsDto> {
    return this.reports.options(p);
  }

  @Get('team-weeks')
  @RequireScopes(Scopes.ApproveTimesheets)
  @ApiOkResponse({
    type: TeamWeeksResponse,
    description: "The week and the one before, for each of the caller's people",
  })
  @ApiBadRequestResponse({ type: ReportErrorsResponse })
  team(@CurrentPrincipal() p: Principal, @Query() q: TeamWeeksQueryDto): Promise<TeamWeeksDto> {
    return this.teamWeeks.teamWeeks(p, q.week);
  }
}

@ApiTags('admin: groups')
@Controller('admin/groups')
export class GroupWorkWeekController {
  constructor(private readonly teamWeeks: TeamWeeksService) {}

  @Get(':id/work-week')
  @RequireScopes(Scopes.ReadGroups)
  @ApiOkResponse({ type: GroupWorkWeekResponse })
  @ApiNotFoundResponse({ description: 'No such group' })
  get(@Param('id', uuid) id: string): Promise<GroupWorkWeekDto> {
    return this.teamWeeks.workWeek(id);
  }

  @Put(':id/work-week')
  @RequireScopes(Scopes.UpdateGroups)
  @ApiOkResponse({ type: GroupWorkWeekResponse, description: 'Set (audited as group.work_week.set)' })
  @ApiBadRequestResponse({ type: ReportErrorsResponse })
  @ApiNotFoundResponse({ description: 'No such group' })
  set(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body() dto: SetGroupWorkWeekDto,
  ): Promise<GroupWorkWeekDto> {
    return this.teamWeeks.setWorkWeek(actor, id, dto.expectedWeekHours);
  }
}
