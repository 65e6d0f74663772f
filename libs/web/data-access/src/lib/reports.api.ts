import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiRoutes,
  HoursExportQuery,
  HoursReport,
  HoursReportQuery,
  ReportOptionsDto,
  TeamWeeksDto,
} from '@timesheets/contracts';
import { EXPLAINS_REFUSALS } from '@timesheets/web-auth';
import { injectApiUrl, toParams } from './api-url';

/** A filter outside the caller's reach is a 403 naming the field: the reports page shows it where it happened. */
const explained = () => new HttpContext().set(EXPLAINS_REFUSALS, true);

/** Reports on hours (within the caller's reach), their exports, and the managers' dashboard. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();

  /** Rows, subtotals and totals, computed by the database. Lists go as `a,b` (`toParams` joins arrays so). */
  hours(query: HoursReportQuery) {
    return this.http.get<HoursReport>(this.url(ApiRoutes.reportHours), {
      params: toParams(query),
      context: explained(),
    });
  }
  /** The people, groups, customers and projects the caller's reports can be filtered by. */
  options() {
    return this.http.get<ReportOptionsDto>(this.url(ApiRoutes.reportOptions));
  }
  /** The file, as progress events and finally the response (for `apiDownload`). */
  exportHours(query: HoursExportQuery) {
    return this.http.get(this.url(ApiRoutes.reportHoursExport), {
      params: toParams(query),
      context: explained(),
      observe: 'events',
      reportProgress: true,
      responseType: 'blob',
    });
  }
  /** An approver's people, this week (or `week`) and the week before: submitted or not, hours against expected. */
  teamWeeks(week?: string) {
    return this.http.get<TeamWeeksDto>(this.url(ApiRoutes.teamWeeks), { params: toParams({ week }) });
  }
}
