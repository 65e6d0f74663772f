import { ParamMap, Params } from '@angular/router';
import {
  HoursReportQuery,
  REPORT_DIMENSIONS,
  ReportDimension,
  ReportLimits,
  TIMESHEET_STATUSES,
  TimesheetStatus,
  isIsoDate,
  periodDays,
} from '@timesheets/contracts';

/**
 * A report as the URL keeps it, so that it can be bookmarked and shared:
 * `?from=2026-11-01&to=2026-11-30&groupBy=project,week&project=…,…&billable=true&status=approved`.
 */
export interface ReportFilters {
  from: string;
  to: string;
  /** Ordered, distinct, at most `ReportLimits.groupByMax`; empty: totals only. */
  groupBy: ReportDimension[];
  /** Owner ids (`PersonRef.ownerId`). */
  person: string[];
  group: string[];
  customer: string[];
  project: string[];
  billable: boolean | null;
  /** Empty: the API's default (submitted hours: pending and approved). */
  status: TimesheetStatus[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Owner ids are token subjects: any text, but never a list separator and never huge. */
const OWNER_ID = /^[^,\s]{1,255}$/;
export const DEFAULT_GROUP_BY: ReportDimension[] = ['project', 'week'];

/** The month a date falls in, first and last day. */
export function monthOf(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** The filters when the URL says nothing: this month, hours per project by week, submitted hours. */
export function defaultFilters(today: string): ReportFilters {
  return {
    ...monthOf(today),
    groupBy: [...DEFAULT_GROUP_BY],
    person: [],
    group: [],
    customer: [],
    project: [],
    billable: null,
    status: [],
  };
}

const list = (q: ParamMap, k: string) =>
  (q.get(k) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
const distinct = <T>(xs: T[]) => [...new Set(xs)];

/**
 * Reads the filters from the URL; anything malformed is left out, falling back to the default (a hand-edited URL never
 * reaches the API as it is). A period given only in part keeps the valid date.
 */
export function filtersFromUrl(q: ParamMap, today: string): ReportFilters {
  const d = defaultFilters(today);
  const from = q.get('from');
  const to = q.get('to');
  const groupByParam = q.get('groupBy');
  const ids = (k: string, re: RegExp) =>
    distinct(list(q, k).filter((v) => re.test(v))).slice(0, ReportLimits.filterValuesMax);
  const billable = q.get('billable');
  return {
    from: isIsoDate(from) ? from : d.from,
    to: isIsoDate(to) ? to : d.to,
    groupBy:
      groupByParam === null
        ? d.groupBy
        : distinct(list(q, 'groupBy').filter((g): g is ReportDimension => isDimension(g))).slice(
            0,
            ReportLimits.groupByMax,
          ),
    person: ids('person', OWNER_ID),
    group: ids('group', UUID),
    customer: ids('customer', UUID),
    project: ids('project', UUID),
    billable: billable === 'true' ? true : billable === 'false' ? false : null,
    status: distinct(list(q, 'status').filter((s): s is TimesheetStatus => isStatus(s))),
  };
}

/** The URL's query for the filters: the period and grouping always (a shared link means the same period tomorrow). */
export function filtersToUrl(f: ReportFilters): Params {
  const out: Params = { from: f.from, to: f.to, groupBy: f.groupBy.join(',') };
  for (const k of ['person', 'group', 'customer', 'project', 'status'] as const)
    if (f[k].length) out[k] = f[k].join(',');
  if (f.billable !== null) out['billable'] = String(f.billable);
  return out;
}

/** The API's query (lists left out when empty). */
export function toQuery(f: ReportFilters): HoursReportQuery {
  const q: HoursReportQuery = { from: f.from, to: f.to, groupBy: f.groupBy };
  for (const k of ['person', 'group', 'customer', 'project'] as const) if (f[k].length) q[k] = [...f[k]];
  if (f.status.length) q.status = [...f.status];
  if (f.billable !== null) q.billable = f.billable;
  return q;
}

export function sameFilters(a: ReportFilters, b: ReportFilters): boolean {
  return JSON.stringify(filtersToUrl(a)) === JSON.stringify(filtersToUrl(b));
}

/** What is wrong with the form's period (the API checks it again), or null. */
export function periodError(f: Pick<ReportFilters, 'from' | 'to'>, maxDays: number): string | null {
  if (!isIsoDate(f.from)) return $localize`From must be a real date.`;
  if (!isIsoDate(f.to)) return $localize`To must be a real date.`;
  if (f.from > f.to) return $localize`From must not be after To.`;
  if (periodDays(f.from, f.to) > maxDays) return $localize`A report covers at most ${maxDays}:days: days.`;
  return null;
}

function isDimension(v: string): v is ReportDimension {
  return (REPORT_DIMENSIONS as readonly string[]).includes(v);
}

function isStatus(v: string): v is TimesheetStatus {
  return (TIMESHEET_STATUSES as readonly string[]).includes(v);
}
