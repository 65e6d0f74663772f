import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiRoutes,
  ApprovalOptionsDto,
  ApprovalQueueItem,
  ApprovalWeekDto,
  BookableProjectDto,
  BulkDecisionRequest,
  BulkDecisionResponse,
  CreateTimesheetRequest,
  ListApprovalQueueQuery,
  ListTimesheetsQuery,
  MeResponse,
  Page,
  PeriodLockDto,
  SaveWeekRequest,
  TimesheetEntry,
  UndoDecisionRequest,
  UndoDecisionResponse,
  UpdateTimesheetRequest,
  WeekDto,
} from '@timesheets/contracts';
import { injectApiUrl, toParams } from './api-url';

/** The caller's own entries and weeks. */
@Injectable({ providedIn: 'root' })
export class TimesheetsApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  list(query: ListTimesheetsQuery = {}) {
    return this.http.get<Page<TimesheetEntry>>(this.url(ApiRoutes.timesheets), { params: toParams(query) });
  }
  get(id: string) {
    return this.http.get<TimesheetEntry>(this.url(ApiRoutes.timesheet(id)));
  }
  create(body: CreateTimesheetRequest) {
    return this.http.post<TimesheetEntry>(this.url(ApiRoutes.timesheets), body);
  }
  update(id: string, body: UpdateTimesheetRequest) {
    return this.http.patch<TimesheetEntry>(this.url(ApiRoutes.timesheet(id)), body);
  }
  delete(id: string) {
    return this.http.delete<void>(this.url(ApiRoutes.timesheet(id)));
  }
  week(week: string) {
    return this.http.get<WeekDto>(this.url(ApiRoutes.week(week)));
  }
  /** Replaces the week's drafts (all or nothing); answers the week as saved. */
  saveWeek(week: string, body: SaveWeekRequest) {
    return this.http.put<WeekDto>(this.url(ApiRoutes.weekEntries(week)), body);
  }
  /** The week's drafts become pending. */
  submitWeek(week: string) {
    return this.http.post<WeekDto>(this.url(ApiRoutes.submitWeek(week)), {});
  }
}

/** Projects the caller may book on, and the period lock (read by anyone signed in). */
@Injectable({ providedIn: 'root' })
export class ProjectsApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  bookable() {
    return this.http.get<BookableProjectDto[]>(this.url(ApiRoutes.projects));
  }
  periodLock() {
    return this.http.get<PeriodLockDto>(this.url(ApiRoutes.periodLock));
  }
}

/** The approver's queue of person-weeks and their decisions. */
@Injectable({ providedIn: 'root' })
export class ApprovalsApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  queue(query: ListApprovalQueueQuery = {}) {
    return this.http.get<Page<ApprovalQueueItem>>(this.url(ApiRoutes.approvals), { params: toParams(query) });
  }
  /** What the queue can be filtered by: the caller's people, the groups they manage (and below), projects. */
  options() {
    return this.http.get<ApprovalOptionsDto>(this.url(ApiRoutes.approvalOptions));
  }
  personWeek(userId: string, week: string) {
    return this.http.get<ApprovalWeekDto>(this.url(ApiRoutes.approvalWeek(userId, week)));
  }
  /** Approves or rejects the pending entries of many person-weeks, all or nothing. */
  decide(body: BulkDecisionRequest) {
    return this.http.post<BulkDecisionResponse>(this.url(ApiRoutes.approvalDecisions), body);
  }

  /** Takes back the caller's own decision of moments ago (while nothing else happened to its entries). */
  undo(body: UndoDecisionRequest) {
    return this.http.post<UndoDecisionResponse>(this.url(ApiRoutes.approvalDecisionsUndo), body);
  }
}

@Injectable({ providedIn: 'root' })
export class MeApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  get() {
    return this.http.get<MeResponse>(this.url('/me'));
  }
}
