import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Observable, of } from 'rxjs';
import {
  ProjectRef,
  Scopes,
  TimesheetLimits,
  TimesheetMessages,
  WeekDto,
  addWeeks,
  isIsoWeek,
  isoWeekOf,
} from '@timesheets/contracts';
import { AuthService, HasScopeDirective } from '@timesheets/web-auth';
import {
  ProjectsApi,
  TimesheetsApi,
  apiAction,
  apiLoader,
  fieldErrors,
  localizeApiMessage,
} from '@timesheets/web-data-access';
import {
  GridNav,
  PageState,
  StatusChip,
  confirmAction,
  formatDay,
  formatHours,
  formatLongDate,
  formatWeek,
  localToday,
  parseHours,
  projectLabel,
} from '@timesheets/web-ui';
import { SubmitDialog, SubmitWeekData } from './submit-dialog';

import {
  GridCell,
  GridErrors,
  WeekGrid,
  buildWeekGrid,
  copyWeek,
  gridTotals,
  isDirty,
  placeFieldErrors,
  toWeekSave,
} from './week-grid';

const CHECK_THE_GRID = () => $localize`Check the hours marked in the grid: each message is under its project's row.`;

const NO_ERRORS: GridErrors = { cells: new Map(), other: [] };

/**
 * The person's week: a row per project, a column per day (ISO week, Monday first), hours typed into the cells and
 * totalled as they type; saved in one request, submitted with a confirmation. The week is in the URL (`?week=`).
 */
@Component({
  selector: 'ts-week-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    PageState,
    StatusChip,
    GridNav,
    HasScopeDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './week-page.html',
  styleUrl: './week-page.css',
})
export class WeekPage {
  private readonly api = inject(TimesheetsApi);
  private readonly projectsApi = inject(ProjectsApi);
  private readonly auth = inject(AuthService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);

  protected readonly scopes = Scopes;
  protected readonly hours = formatHours;
  protected readonly day = formatDay;
  protected readonly longDate = formatLongDate;
  protected readonly project = projectLabel;
  protected readonly dailyMax = TimesheetLimits.dailyHoursMax;

  private readonly query = toSignal(this.route.queryParamMap, { initialValue: this.route.snapshot.queryParamMap });
  /** The week shown: `?week=2026-W49`, else this week. */
  readonly week = computed(() => {
    const w = this.query().get('week');
    return w && isIsoWeek(w) ? w : isoWeekOf(localToday());
  });
  protected readonly weekLabel = computed(() => formatWeek(this.week()));
  readonly data = apiLoader({
    params: () => this.week(),
    load: (week) => this.api.week(week),
    initial: null as WeekDto | null,
    resetOnChange: true,
  });
  readonly canEdit = computed(() => {
    this.auth.grantedScopes();
    return this.auth.hasScopes(Scopes.CreateTimesheets);
  });
  readonly bookable = apiLoader({
    load: () => (this.auth.hasScopes(Scopes.ReadProjects) ? this.projectsApi.bookable() : of([])),
    initial: [] as ProjectRef[],
  });

  /** Rows the person added (projects without hours this week yet). */
  readonly added = signal<ProjectRef[]>([]);
  /** What the person typed, by cell key, as typed. */
  readonly texts = signal<ReadonlyMap<string, string>>(new Map());
  readonly edits = computed(() => new Map([...this.texts()].map(([k, t]) => [k, parseHours(t)])));
  readonly grid = computed(() => {
    const d = this.data.value();
    return d ? buildWeekGrid(d, this.added()) : null;
  });
  readonly totals = computed(() => {
    const g = this.grid();
    return g ? gridTotals(g, this.edits()) : null;
  });
  readonly dirty = computed(() => {
    const g = this.grid();
    return g !== null && isDirty(g, this.edits());
  });
  /** Bookable projects that have no row yet. */
  readonly addable = computed(() => {
    const shown = new Set(this.grid()?.rows.map((r) => r.project.id));
    return this.bookable.value().filter((p) => !shown.has(p.id));
  });
  readonly errors = signal<GridErrors>(NO_ERRORS);
  readonly change = apiAction();
  /** Something to submit: drafts, or changes that will be saved as drafts. */
  readonly canSubmit = computed(
    () => this.canEdit() && ((this.data.value()?.counts.draft ?? 0) > 0 || this.dirty()) && !this.change.loading(),
  );
  /** The API's row errors with the cell they are about, for the summary above the buttons. */
  readonly cellErrorCount = computed(() => this.errors().cells.size);
  protected readonly checkTheGrid = CHECK_THE_GRID();
  readonly rejected = computed(() => this.data.value()?.entries.filter((e) => e.status === 'rejected') ?? []);

  constructor() {
    // Another week: what was typed and added belongs to the old one.
    effect(() => {
      this.week();
      untracked(() => this.reset());
    });
    // Closing the tab with unsaved hours asks first (the browser's own question).
    const warn = (ev: BeforeUnloadEvent) => {
      if (this.dirty()) ev.preventDefault();
    };
    this.document.defaultView?.addEventListener('beforeunload', warn);
    inject(DestroyRef).onDestroy(() => this.document.defaultView?.removeEventListener('beforeunload', warn));
  }

  protected cellText(c: GridCell): string {
    const typed = this.texts().get(c.key);
    if (typed !== undefined && c.lock === null) return typed;
    return c.entries.length ? formatHours(c.hours) : '';
  }

  /** Shown in cells without hours, so that empty days read as the 0 their totals count. */
  protected readonly zero = formatHours(0);

  /** The messages of a row's invalid cells, in full (the API's, else the hours rule), by day. */
  protected rowErrors(
    row: WeekGrid['rows'][number],
  ): { key: string; day: number; date: string; message: string }[] | null {
    const list = row.cells.flatMap((c, day) => {
      if (!this.invalid(c)) return [];
      const messages = this.errors().cells.get(c.key) ?? [localizeApiMessage(TimesheetMessages.hours)];
      return messages.map((message, n) => ({ key: `${c.key}|${n}`, day, date: c.date, message }));
    });
    return list.length ? list : null;
  }

  protected invalid(c: GridCell): boolean {
    return (this.totals()?.invalid.has(c.key) ?? false) || this.errors().cells.has(c.key);
  }

  /** Ids that describe a cell: its errors, the reasons it was rejected. */
  protected describedBy(c: GridCell, r: number, i: number): string | null {
    const ids = [...(this.invalid(c) ? [`cell-error-${r}-${i}`] : []), ...c.rejected.map((e) => `reason-${e.id}`)];
    return ids.length ? ids.join(' ') : null;
  }

  type(c: GridCell, text: string): void {
    this.texts.update((m) => new Map(m).set(c.key, text));
    if (this.errors().cells.has(c.key)) {
      const cells = new Map(this.errors().cells);
      cells.delete(c.key);
      this.errors.set({ ...this.errors(), cells });
    }
  }

  /** Leaving a cell writes valid hours the usual way (`7:30` becomes `7.5`). */
  tidy(c: GridCell): void {
    const text = this.texts().get(c.key);
    if (text === undefined) return;
    const h = parseHours(text);
    if (Number.isFinite(h)) this.texts.update((m) => new Map(m).set(c.key, h === 0 ? '' : formatHours(h)));
  }

  addRow(p: ProjectRef | null): void {
    if (!p) return;
    this.added.update((list) => [...list, p]);
    // Straight into the new row's first open cell.
    afterNextRender(
      () => {
        const r = this.grid()?.rows.findIndex((row) => row.project.id === p.id) ?? -1;
        this.document.querySelector<HTMLInputElement>(`input[data-row="${r}"]:not([readonly])`)?.focus();
      },
      { injector: this.injector },
    );
  }

  goToWeek(offset: number | 'today'): void {
    const week = offset === 'today' ? isoWeekOf(localToday()) : addWeeks(this.week(), offset);
    this.leave().subscribe((ok) => {
      if (ok) void this.router.navigate([], { relativeTo: this.route, queryParams: { week } });
    });
  }

  /** True when nothing typed would be lost, else the person's answer. For the route's canDeactivate too. */
  leave(): Observable<boolean> {
    if (!this.dirty()) return of(true);
    return confirmAction(this.dialog, {
      title: $localize`Discard your changes?`,
      message: $localize`The hours you typed this week are not saved.`,
      confirm: $localize`Discard`,
    });
  }

  copyLastWeek(): void {
    const target = this.data.value();
    if (!target) return;
    const from = addWeeks(target.week, -1);
    this.change.run(this.api.week(from), (source) => {
      const copied = copyWeek(target, source, this.bookable.value(), this.edits());
      this.added.update((list) => [...list, ...copied.projects.filter((p) => !list.some((x) => x.id === p.id))]);
      this.texts.update((m) => {
        const next = new Map(m);
        for (const [k, h] of copied.values) next.set(k, formatHours(h));
        return next;
      });
      const skipped = copied.skipped.length
        ? $localize` Not copied (no longer bookable): ${copied.skipped.join(', ')}.`
        : '';
      const message = copied.values.size
        ? $localize`Copied ${copied.values.size} cells from ${from}. Check them and save.${skipped}`
        : $localize`Nothing to copy from ${from} into empty cells.${skipped}`;
      this.snack.open(message, $localize`OK`, { duration: 8000 });
    });
  }

  save(): void {
    this.saveThen(() => this.snack.open($localize`Week saved`, undefined, { duration: 3000 }));
  }

  submit(): void {
    const g = this.grid();
    const t = this.totals();
    if (!g || !t || !this.checkValid()) return;
    const data: SubmitWeekData = {
      week: g.week,
      days: g.days,
      dayTotals: t.days,
      total: t.week,
      unsaved: this.dirty(),
    };
    this.dialog
      .open<SubmitDialog, SubmitWeekData, boolean>(SubmitDialog, { data, width: '420px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((ok) => {
        if (!ok) return;
        const week = g.week;
        const send = () =>
          this.change.run(this.api.submitWeek(week), (dto) => {
            this.data.update(() => dto);
            this.snack.open($localize`Week ${week} submitted`, undefined, { duration: 3000 });
          });
        if (this.dirty()) this.saveThen(send);
        else send();
      });
  }

  private checkValid(): boolean {
    const t = this.totals();
    if (t && t.invalid.size === 0) return true;
    // Each invalid cell's message is under its row; the alert says where to look.
    this.errors.set({ ...this.errors(), other: [CHECK_THE_GRID()] });
    return false;
  }

  /** One PUT of the week (all or nothing); the API's row errors go to their cells. */
  private saveThen(next: () => void): void {
    const g = this.grid();
    if (!g || !this.checkValid()) return;
    const s = toWeekSave(g, this.edits());
    this.errors.set(NO_ERRORS);
    this.change.run(
      this.api.saveWeek(g.week, s.request),
      (dto) => {
        this.data.update(() => dto);
        this.texts.set(new Map());
        next();
      },
      (_messages, error) => this.errors.set(placeFieldErrors(fieldErrors(error), s.rowKeys)),
    );
  }

  private reset(): void {
    this.added.set([]);
    this.texts.set(new Map());
    this.errors.set(NO_ERRORS);
  }
}
