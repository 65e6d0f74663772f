import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  HoursReport,
  REPORT_DIMENSIONS,
  ReportDimension,
  ReportLimits,
  ReportOptionsDto,
  TIMESHEET_STATUSES,
  TimesheetStatus,
  addDays,
  isoWeekOf,
  weekStart,
} from '@timesheets/contracts';
import { ReportsApi, apiLoader } from '@timesheets/web-data-access';
import {
  PageState,
  datePattern,
  formatHours,
  formatLongDate,
  formatNumber,
  isoDate,
  localToday,
  personLabel,
  projectLabel,
  statusLabel,
} from '@timesheets/web-ui';
import { DIMENSION_NAMES, chartCaption } from './dimension-names';
import { HoursChart } from './hours-chart';
import { ReportExport } from './report-export';
import {
  ReportFilters,
  defaultFilters,
  filtersFromUrl,
  filtersToUrl,
  monthOf,
  periodError,
  sameFilters,
  toQuery,
} from './report-filters';
import { ReportLine, reportChart, reportLines } from './report-view';

const NO_OPTIONS: ReportOptionsDto = {
  reach: 'own',
  people: [],
  groups: [],
  customers: [],
  projects: [],
  maxPeriodDays: ReportLimits.periodDaysDefault,
};

/**
 * Reports on hours within the caller's reach (own, the people they approve for, or everybody with read:reports):
 * period, grouping and filters kept in the URL (bookmarkable, shareable), a grouped table with subtotals and the
 * total, a chart of the first two groupings, and CSV/XLSX downloads.
 */
@Component({
  selector: 'ts-reports-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    PageState,
    HoursChart,
    ReportExport,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reports-page.html',
  styleUrl: './reports-page.css',
})
export class ReportsPage {
  private readonly api = inject(ReportsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  protected readonly dimensions = REPORT_DIMENSIONS;
  protected readonly dimensionName = DIMENSION_NAMES;
  protected readonly statuses = TIMESHEET_STATUSES;
  protected readonly hours = formatHours;
  protected readonly count = formatNumber;
  protected readonly datePattern = datePattern();
  protected readonly text = {
    groupBy: $localize`Group by`,
    thenBy: $localize`Then by`,
    totalsOnly: $localize`Nothing (totals only)`,
    nothingMore: $localize`Nothing more`,
  };
  protected readonly longDate = formatLongDate;
  protected readonly person = personLabel;
  protected readonly project = projectLabel;
  protected readonly groupBySlots = Array.from({ length: ReportLimits.groupByMax }, (_, i) => i);

  private readonly today = localToday();
  private readonly url = toSignal(this.route.queryParamMap, { initialValue: this.route.snapshot.queryParamMap });
  /** The applied report (the URL's); a new object only when it changes. */
  readonly filters = computed(() => filtersFromUrl(this.url(), this.today), { equal: sameFilters });

  readonly options = apiLoader({ load: () => this.api.options(), initial: NO_OPTIONS });
  readonly report = apiLoader({
    params: () => {
      const f = this.filters();
      // A period the form would refuse is not sent (a hand-edited URL); the form says what is wrong.
      return periodError(f, this.options.value().maxPeriodDays) ? undefined : toQuery(f);
    },
    load: (q) => this.api.hours(q),
    initial: null as HoursReport | null,
  });

  readonly lines = computed(() => {
    const r = this.report.value();
    return r ? reportLines(r) : [];
  });
  readonly chart = computed(() => {
    const r = this.report.value();
    return r ? reportChart(r) : null;
  });
  readonly caption = computed(() => chartCaption(this.report.value()?.groupBy ?? []));

  // The form's fields, filled from the URL; "Show report" writes them to the URL.
  readonly form = signal<ReportFilters>(this.filters());
  // The period's date fields (Material datepickers in the user's locale): a date, or null while what is typed is none.
  readonly fromDate = signal<Date | null>(localDate(this.filters().from));
  readonly toDate = signal<Date | null>(localDate(this.filters().to));
  readonly formError = signal<string | null>(null);
  protected readonly billableChoice = computed(() => {
    const b = this.form().billable;
    return b === null ? '' : String(b);
  });
  /** The URL's period is one the form refuses (shown until a valid one is applied). */
  readonly urlError = computed(() => periodError(this.filters(), this.options.value().maxPeriodDays));

  constructor() {
    // Back and forward in the browser change the URL's report: the form follows.
    effect(() => {
      const f = this.filters();
      untracked(() => {
        this.form.set(f);
        this.fromDate.set(localDate(f.from));
        this.toDate.set(localDate(f.to));
      });
    });
  }

  setForm<K extends keyof ReportFilters>(k: K, v: ReportFilters[K]): void {
    this.form.update((f) => ({ ...f, [k]: v }));
  }

  /** The grouping slot `i` (`null`: none, which also clears the slots after it). */
  setGroupBy(i: number, d: ReportDimension | null): void {
    this.form.update((f) => {
      const g = f.groupBy.slice(0, i).filter((x) => x !== d);
      if (d) g.push(d, ...f.groupBy.slice(i + 1).filter((x) => x !== d && !g.includes(x)));
      return { ...f, groupBy: g };
    });
  }

  /** The dimension chosen in slot `i`, '' for none. */
  slot(i: number): ReportDimension | '' {
    return this.form().groupBy.at(i) ?? '';
  }

  /** The dimensions slot `i` may choose: none used by an earlier slot. */
  choicesFor(i: number): readonly ReportDimension[] {
    const before = this.form().groupBy.slice(0, i);
    return this.dimensions.filter((d) => !before.includes(d));
  }

  /** A status as the filter offers it: drafts are only ever one's own. */
  statusOption(s: TimesheetStatus): string {
    return s === 'draft' ? $localize`Draft (your own)` : statusLabel(s);
  }

  /** A subtotal's keys, as its row header names them. */
  cellsOf(l: ReportLine): string {
    return l.cells.join(' · ');
  }

  apply(): void {
    const f = { ...this.form(), from: isoDate(this.fromDate()), to: isoDate(this.toDate()) };
    const error = periodError(f, this.options.value().maxPeriodDays);
    this.formError.set(error);
    if (error) return;
    this.go(f);
  }

  reset(): void {
    this.formError.set(null);
    this.go(defaultFilters(this.today));
  }

  /** Ready-made reports. */
  preset(which: 'month' | 'lastMonthPayroll' | 'teamWeek'): void {
    const base = defaultFilters(this.today);
    this.formError.set(null);
    switch (which) {
      case 'month':
        return this.go(base);
      case 'lastMonthPayroll':
        return this.go({
          ...base,
          ...monthOf(addDays(monthOf(this.today).from, -1)),
          groupBy: ['person', 'project'],
          status: ['approved'],
        });
      case 'teamWeek': {
        const monday = weekStart(isoWeekOf(this.today));
        return this.go({ ...base, from: monday, to: addDays(monday, 6), groupBy: ['person', 'day'] });
      }
    }
  }

  private go(f: ReportFilters): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filtersToUrl(f) });
  }
}

/** A calendar date (`YYYY-MM-DD`) as the local day a date field shows. */
function localDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
}
