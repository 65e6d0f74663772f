import { type DynamicModule, Module } from '@nestjs/common';
import { REPORTS_MIGRATIONS } from './migrations';
import { ReachResolver } from './reach/reach';
import { GroupWorkWeekController, ReportsController } from './reports.controller';
import { DEFAULT_REPORTS_OPTIONS, REPORTS_OPTIONS, type ReportsOptions } from './reports.options';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { TeamWeeksService } from './team-weeks.service';

export { REPORTS_MIGRATIONS };

/**
 * Reports, payroll exports and the managers' dashboard. Reads the tables of time booking and authorization (never
 * imports their modules); needs a TeamDirectory and an AuditRecorder in scope (the authorization module provides both
 * globally). Its own migration adds the reports' index and the groups' expected work weeks.
 */
@Module({})
export class ReportsModule {
  static forRoot(options: ReportsOptions = DEFAULT_REPORTS_OPTIONS): DynamicModule {
    return {
      module: ReportsModule,
      controllers: [ReportsController, GroupWorkWeekController],
      providers: [
        { provide: REPORTS_OPTIONS, useValue: options },
        ReportsRepository,
        ReachResolver,
        ReportsService,
        TeamWeeksService,
      ],
    };
  }
}
