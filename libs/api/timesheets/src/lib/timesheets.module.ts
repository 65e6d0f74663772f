import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovalsController } from './approvals/approvals.controller';
import { ApprovalsService } from './approvals/approvals.service';
import { DemoTimesheets } from './demo/demo-timesheets';
import { EntryChanges } from './entries/entry-changes';
import { EntryRepository } from './entries/entry.repository';
import { EntryRules } from './entries/entry-rules';
import { TimesheetEntryEntity } from './entries/entry.table';
import { TIMESHEETS_MIGRATIONS } from './migrations';
import { AdminPeriodLockController, PeriodLockController } from './period-lock/period-lock.controller';
import { PeriodLockRepository } from './period-lock/period-lock.repository';
import { PeriodLockService } from './period-lock/period-lock.service';
import { PeriodLockEntity } from './period-lock/period-lock.table';
import { CustomerEntity, ProjectEntity, ProjectGroupEntity } from './projects/project.tables';
import { AdminCustomersController, AdminProjectsController, ProjectsController } from './projects/projects.controller';
import { ProjectsRepository } from './projects/projects.repository';
import { ProjectsService } from './projects/projects.service';
import { ImportRequestEntity } from './imports/import-request.table';
import { ImportRequestsRepository } from './imports/import-requests.repository';
import { ImportsController } from './imports/imports.controller';
import { ImportsService } from './imports/imports.service';
import { TimesheetsController } from './timesheets.controller';
import { DEFAULT_TIMESHEETS_OPTIONS, TIMESHEETS_OPTIONS, type TimesheetsOptions } from './timesheets.options';
import { TimesheetsService } from './timesheets.service';
import { WeeksController } from './weeks/weeks.controller';
import { WeeksService } from './weeks/weeks.service';

export const TIMESHEETS_ENTITIES = [
  TimesheetEntryEntity,
  CustomerEntity,
  ProjectEntity,
  ProjectGroupEntity,
  PeriodLockEntity,
  ImportRequestEntity,
];
export { TIMESHEETS_MIGRATIONS };

/**
 * Time booking: entries, weeks, approvals, customers and projects, the period lock. Needs an AuditRecorder and a
 * TeamDirectory in scope (the authorization module provides both globally).
 */
@Module({})
export class TimesheetsModule {
  static forRoot(options: TimesheetsOptions = DEFAULT_TIMESHEETS_OPTIONS): DynamicModule {
    return {
      module: TimesheetsModule,
      imports: [TypeOrmModule.forFeature(TIMESHEETS_ENTITIES)],
      controllers: [
        TimesheetsController,
        WeeksController,
        ApprovalsController,
        ProjectsController,
        AdminCustomersController,
        AdminProjectsController,
        PeriodLockController,
        AdminPeriodLockController,
        ImportsController,
      ],
      providers: [
        { provide: TIMESHEETS_OPTIONS, useValue: options },
        EntryRepository,
        ProjectsRepository,
        PeriodLockRepository,
        EntryRules,
        EntryChanges,
        TimesheetsService,
        WeeksService,
        ApprovalsService,
        ProjectsService,
        PeriodLockService,
        DemoTimesheets,
        ImportRequestsRepository,
        ImportsService,
      ],
      exports: [TimesheetsService, ProjectsService],
    };
  }
}
