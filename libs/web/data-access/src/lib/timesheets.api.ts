import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  CreateTimesheetRequest,
  ListApprovalsQuery,
  ListTimesheetsQuery,
  MeResponse,
  Page,
  TimesheetEntry,
  UpdateTimesheetRequest,
} from '@timesheets/contracts';
import { injectApiUrl, toParams } from './api-url';

@Injectable({ providedIn: 'root' })
export class TimesheetsApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  list(query: ListTimesheetsQuery = {}) {
    return this.http.get<Page<TimesheetEntry>>(this.url('/timesheets'), { params: toParams(query) });
  }
  get(id: string) {
    return this.http.get<TimesheetEntry>(this.url(`/timesheets/${encodeURIComponent(id)}`));
  }
  create(body: CreateTimesheetRequest) {
    return this.http.post<TimesheetEntry>(this.url('/timesheets'), body);
  }
  update(id: string, body: UpdateTimesheetRequest) {
    return this.http.patch<TimesheetEntry>(this.url(`/timesheets/${encodeURIComponent(id)}`), body);
  }
  delete(id: string) {
    return this.http.delete<void>(this.url(`/timesheets/${encodeURIComponent(id)}`));
  }
}

@Injectable({ providedIn: 'root' })
export class ApprovalsApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  list(query: ListApprovalsQuery = {}) {
    return this.http.get<Page<TimesheetEntry>>(this.url('/approvals'), { params: toParams(query) });
  }
  approve(id: string) {
    return this.http.post<TimesheetEntry>(this.url(`/timesheets/${encodeURIComponent(id)}/approve`), {});
  }
  reject(id: string, reason: string) {
    return this.http.post<TimesheetEntry>(this.url(`/timesheets/${encodeURIComponent(id)}/reject`), { reason });
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
