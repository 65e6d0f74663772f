import type { PersonRef } from './approvals';
import type { GroupRef, ProjectRef } from './projects';
import { TIMESHEET_STATUSES, type TimesheetStatus } from './timesheets';
import type { WeekState } from './weeks';

/**
 * Reports and payroll exports (issue 16).
 *
 * Reach: with `read:reports` (roles `payroll` and `admin`) a caller reports on everybody; without it, with
 * `approve:timesheets`, on their own time and the people they approve for; with `read:timesheets` alone, on their own
 * time only; with none of these, on nothing (403). A request whose filters name anybody or any group outside the
 * caller's reach is refused (403, `ReportMessages.outsideReach`), never silently narrowed. Drafts are reported to their
 * owner only (they are not submitted): for anyone else they do not exist.
 *
 * Routes (relative to the API base URL; scopes in brackets):
 *
 *   GET /reports/hours?from&to&groupBy&person&group&customer&project&billable&status   HoursReport  [reach, see above]
 *   GET /reports/hours/export?…the same…&format&kind&bom&decimal    CSV or XLSX file, streamed  [reach, see above]
 *   GET /reports/options                             ReportOptionsDto (filters within the caller's reach) [reach]
 *   GET /reports/team-weeks?week                     TeamWeeksDto (the managers' dashboard)   [approve:timesheets]
 *   GET /admin/groups/:id/work-week                  GroupWorkWeekDto                        [read:groups]
 *   PUT /admin/groups/:id/work-week  SetGroupWorkWeekRequest  GroupWorkWeekDto (audited)   [update:groups]
 *
 * Query lists are comma-separated (`groupBy=person,month`, `status=approved,pending`); every list item must be valid.
 */

/** What a report can group and filter by. `week` is the ISO week (`2026-W49`), `month` is `YYYY-MM`. */
export const REPORT_DIMENSIONS = [
  'person',
  'group',
  'customer',
  'project',
  'billable',
  'day',
  'week',
  'month',
] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** Statuses a report counts when the request names none: submitted hours, whether decided yet or not. */
export const REPORT_DEFAULT_STATUSES = ['pending', 'approved'] as const satisfies readonly TimesheetStatus[];

export const ReportLimits = {
  /** Dimensions of one report (0: only the totals). */
  groupByMax: 3,
  /** Ids in one filter list (`person`, `group`, `customer`, `project`). */
  filterValuesMax: 100,
  /**
   * Days from `from` to `to`, both included, unless the API is configured otherwise (`REPORTS_MAX_PERIOD_DAYS`; the
   * configured value is in `ReportOptionsDto.maxPeriodDays`).
   */
  periodDaysDefault: 366,
  /** Exports streaming at once on one API instance, unless configured (`REPORTS_MAX_CONCURRENT_EXPORTS`); more: 429. */
  concurrentExportsDefault: 2,
  /** Rows (finest level) an on-screen report may have; larger ones are exported instead. */
  rowsMax: 5000,
  /** The expected week of a person whose groups set none, unless configured (`REPORTS_DEFAULT_WEEK_HOURS`). */
  weekHoursDefault: 40,
  /** A group's expected week: 0 to 168 hours, at most 2 decimals. */
  weekHoursMin: 0,
  weekHoursMax: 168,
} as const;

/**
 * `GET /reports/hours` and its export: the period (both days included) is required. Each filter list keeps the
 * entries that match any of its values; the lists combine with AND. Ids: `person` are owner ids (`PersonRef.ownerId`,
 * the token subject entries are owned by), `group` group ids (members through nesting), `customer` customer ids,
 * `project` project ids.
 */
export interface HoursReportQuery {
  from: string;
  to: string;
  /** Ordered: the first dimension is the outermost subtotal. None: only the totals. */
  groupBy?: ReportDimension[];
  person?: string[];
  group?: string[];
  customer?: string[];
  project?: string[];
  billable?: boolean;
  /** Default: `REPORT_DEFAULT_STATUSES`. */
  status?: TimesheetStatus[];
}

/**
 * One dimension's value in a row. `id` is what the filter of that dimension takes (owner id, group id, customer id,
 * project id, `true`/`false`, `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`); null for "none" (no group, internal work without a
 * customer). `label` is the name to show (person's name, group's name, customer's name, `CODE name` of a project);
 * null when there is none to show (then the SPA shows the id, or its own word for "none").
 */
export interface ReportKey {
  dimension: ReportDimension;
  id: string | null;
  label: string | null;
}

export interface ReportAmount {
  /** Sum of the entries' hours (2 decimals at most). */
  hours: number;
  /** How many entries. */
  entries: number;
}

/** A row at the finest level: one key per `groupBy` dimension, in that order. */
export interface ReportRow extends ReportAmount {
  keys: ReportKey[];
}

/** A subtotal over the first `level` dimensions (1 to groupBy.length - 1): `keys` has `level` keys. */
export interface ReportSubtotal extends ReportAmount {
  level: number;
  keys: ReportKey[];
}

/**
 * The answer of `GET /reports/hours`. Rows and subtotals are ordered by their keys, dimension by dimension (people by
 * name, projects by code, dates ascending, `false` before `true`, "none" last); the SPA interleaves a subtotal after
 * the last row that starts with its keys. Totals, subtotals and rows are computed by the database.
 *
 * Grouping by `group` counts an entry under every group its person belongs to directly (or under "none"), so with
 * people in several groups the group rows add up to more than the totals, which count each entry once.
 */
export interface HoursReport {
  from: string;
  to: string;
  groupBy: ReportDimension[];
  /** The statuses counted (the request's, or the default). */
  status: TimesheetStatus[];
  rows: ReportRow[];
  subtotals: ReportSubtotal[];
  totals: ReportAmount;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `detail`: one line per entry (every filter applies, `groupBy` does not); `aggregate`: the report's rows. */
export const EXPORT_KINDS = ['detail', 'aggregate'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * Decimal separator of the CSV's numbers: `point` (`7.5`, fields separated by `,`) or `comma` (`7,5`, fields separated
 * by `;`, as spreadsheets set to a German or French locale expect). XLSX numbers are typed, so this does not apply.
 */
export const DECIMAL_SEPARATORS = ['point', 'comma'] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];

/**
 * `GET /reports/hours/export`: the report's query and these. The file is streamed (`Content-Disposition: attachment`,
 * `hours-<from>-<to>-<kind>.<format>`; no `Content-Length`); the SPA shows progress by bytes received. CSV is RFC 4180,
 * UTF-8, CRLF line ends, a header row; a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a `'`
 * in front so that no spreadsheet runs it as a formula. XLSX has a header row, typed numbers and dates, and a totals
 * row. Both end with a totals row (`Total` in the first column).
 */
export interface HoursExportQuery extends HoursReportQuery {
  format: ExportFormat;
  /** Default `detail`. */
  kind?: ExportKind;
  /** CSV only: start with a UTF-8 byte order mark, so that Excel reads it as UTF-8. Default false. */
  bom?: boolean;
  /** CSV only; default `point`. */
  decimal?: DecimalSeparator;
}

/** The columns of a detail export, in order (header row texts). */
export const DETAIL_EXPORT_COLUMNS = [
  'Date',
  'Week',
  'Person',
  'Email',
  'Customer',
  'Project code',
  'Project',
  'Billable',
  'Status',
  'Hours',
  'Notes',
] as const;

/** The header of an aggregate export's dimension columns (then `Hours`, `Entries`). */
export const DIMENSION_HEADERS: Readonly<Record<ReportDimension, string>> = {
  person: 'Person',
  group: 'Group',
  customer: 'Customer',
  project: 'Project',
  billable: 'Billable',
  day: 'Date',
  week: 'Week',
  month: 'Month',
};

/** `GET /reports/options`: what the caller's reports can be filtered by, within their reach. */
export interface ReportOptionsDto {
  /** `everybody` with read:reports; `team` for an approver (themselves and their people); `own` otherwise. */
  reach: 'everybody' | 'team' | 'own';
  /** The people in reach (for `everybody`: everyone with entries or a sign-in), by name. */
  people: PersonRef[];
  /** Groups the `group` filter may name: every group for `everybody`, the managed groups and below for `team`. */
  groups: GroupRef[];
  customers: { id: string; name: string }[];
  /** Every project (archived ones too: their hours are still reported), by code. */
  projects: (ProjectRef & { customerId: string | null; billable: boolean })[];
  /** The longest period one report or export may cover, in days. */
  maxPeriodDays: number;
}

/** One person's week on the managers' dashboard. */
export interface TeamWeekCell {
  week: string;
  /** As `weekState`: `empty` (nothing recorded), `draft` (not submitted), `pending`, `approved`, `rejected`. */
  state: WeekState;
  /** True when the week has entries and none is a draft or rejected (all of it submitted). */
  submitted: boolean;
  /** Hours of the submitted entries (pending and approved). */
  hours: number;
  /** Hours still in drafts or rejected (not submitted). */
  unsubmittedHours: number;
}

export interface TeamWeekPerson {
  person: PersonRef;
  /** The person's expected week: the largest set by any of their groups (through nesting), else the default. */
  expectedHours: number;
  /** Current week first, then last week (the order of `TeamWeeksDto.weeks`). */
  weeks: TeamWeekCell[];
}

/**
 * `GET /reports/team-weeks?week`: for an approver, the week (`week`, default the current one) and the week before it,
 * for each person they approve for, by name.
 */
export interface TeamWeeksDto {
  /** `[week, the week before]`. */
  weeks: [string, string];
  people: TeamWeekPerson[];
  /** Totals per week, in the order of `weeks`. */
  totals: { week: string; hours: number; expectedHours: number; submitted: number; people: number }[];
}

/** `PUT /admin/groups/:id/work-week`: null removes the group's own value (then its parents' or the default applies). */
export interface SetGroupWorkWeekRequest {
  expectedWeekHours: number | null;
}

export interface GroupWorkWeekDto {
  groupId: string;
  /** Set on this group; null when not set. */
  expectedWeekHours: number | null;
  /** What applies to its direct members: this group's, else the nearest parent's, else the default. */
  effectiveWeekHours: number;
}

/** The messages of the reports' validation and reach, in sentence case, each naming its field. */
export const ReportMessages = {
  from: 'From must be a real date written YYYY-MM-DD.',
  to: 'To must be a real date written YYYY-MM-DD.',
  fromAfterTo: 'From must not be after to.',
  period: (maxDays: number) => `The period from from to to must be at most ${maxDays} days.`,
  groupBy: `Group by must list at most ${ReportLimits.groupByMax} different dimensions of ${REPORT_DIMENSIONS.join(', ')}.`,
  groupByAggregate: 'Group by must list at least one dimension for an aggregate export.',
  person: `Person must list 1 to ${ReportLimits.filterValuesMax} owner ids.`,
  group: `Group must list 1 to ${ReportLimits.filterValuesMax} group ids (UUIDs).`,
  customer: `Customer must list 1 to ${ReportLimits.filterValuesMax} customer ids (UUIDs).`,
  project: `Project must list 1 to ${ReportLimits.filterValuesMax} project ids (UUIDs).`,
  billable: 'Billable must be true or false.',
  status: `Status must list one or more of ${TIMESHEET_STATUSES.join(', ')}.`,
  format: 'Format must be csv or xlsx.',
  kind: 'Kind must be detail or aggregate.',
  bom: 'Bom must be true or false.',
  decimal: 'Decimal must be point or comma.',
  week: 'Week must be an ISO week written YYYY-Www, for example 2026-W50.',
  tooManyRows: (max: number) =>
    `The report would have more than ${max} rows: group by fewer dimensions, shorten the period or export it.`,
  /** 429: every export slot of this API instance is streaming. */
  tooManyExports: 'Too many exports are running; try again in a few seconds.',
  expectedWeekHours: `Expected week hours must be a number from ${ReportLimits.weekHoursMin} to ${ReportLimits.weekHoursMax} with at most 2 decimals, or null.`,
  /** 403: reports need one of REPORT_READER_SCOPES: read:timesheets (own), approve:timesheets (team), read:reports. */
  noReach: 'You may not read reports: that needs read:timesheets, approve:timesheets or read:reports.',
  /** 403: a filter names someone or a group outside the caller's reach. */
  outsideReach: (field: 'person' | 'group') =>
    field === 'person'
      ? 'Person lists someone whose time you may not report on.'
      : 'Group lists a group whose members you may not report on.',
} as const;

/** True for an expected week the API accepts. */
export function isValidWeekHours(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= ReportLimits.weekHoursMin &&
    value <= ReportLimits.weekHoursMax &&
    Number(value.toFixed(2)) === value
  );
}

/** The days from `from` to `to`, both included (0 or less when `from` is after `to`). */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * Spreadsheet formula injection (OWASP CSV injection): a text cell that starts with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'`, so that a spreadsheet shows it as text instead of running it. Numbers are not
 * text and are written as numbers.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
