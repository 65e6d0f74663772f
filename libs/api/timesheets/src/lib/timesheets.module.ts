import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EntryRepository } from './entries/entry.repository';
import { TimesheetEntryEntity } from './entries/entry.table';
import { ApprovalsController, TimesheetsController } from './timesheets.controller';
import { TimesheetsService } from './timesheets.service';
import { CreateTimesheetEntries1764000000000 } from './migrations/1764000000000-create-timesheet-entries';

export const TIMESHEETS_ENTITIES = [TimesheetEntryEntity];
export const TIMESHEETS_MIGRATIONS = [CreateTimesheetEntries1764000000000];

/** Needs an AuditRecorder provider in scope (the app provides one globally). */
@Module({
  imports: [TypeOrmModule.forFeature(TIMESHEETS_ENTITIES)],
  controllers: [TimesheetsController, ApprovalsController],
  providers: [EntryRepository, TimesheetsService],
  exports: [TimesheetsService],
})
export class TimesheetsModule {}
