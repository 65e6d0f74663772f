import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  ListTimesheetsQuery,
  Scopes,
  TIMESHEET_STATUSES,
  TimesheetEntry,
  TimesheetLimits,
  TimesheetStatus,
} from '@timesheets/contracts';
import { HasScopeDirective } from '@timesheets/web-auth';
import { TimesheetsApi, apiAction, apiLoader, apiPager } from '@timesheets/web-data-access';
import { EntryActions, EntryTable, PageState, confirmAction, formatHours } from '@timesheets/web-ui';
import { EntryDialog, EntryDialogData } from './entry-dialog';
import { addDays, buildWeekGrid, localToday, startOfWeek } from './week';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type ListFilters = Pick<ListTimesheetsQuery, 'status' | 'from' | 'to'>;

@Component({
  selector: 'ts-timesheets-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    PageState,
    EntryTable,
    EntryActions,
    HasScopeDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './timesheets-page.html',
})
export class TimesheetsPage {
  private readonly api = inject(TimesheetsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);

  protected readonly scopes = Scopes;
  protected readonly statuses = TIMESHEET_STATUSES;
  protected readonly dayNames = DAY_NAMES;
  protected readonly hours = formatHours;

  // Week view
  readonly weekStart = signal(startOfWeek(localToday()));
  readonly week = apiLoader({
    params: () => this.weekStart(),
    load: (from) => this.api.list({ from, to: addDays(from, 6), limit: TimesheetLimits.pageMax }),
    initial: { items: [] as TimesheetEntry[], nextCursor: null as string | null },
  });
  readonly weekTruncated = computed(() => this.week.value().nextCursor !== null);
  readonly grid = computed(() => buildWeekGrid(this.weekStart(), this.week.value().items));
  readonly weekLabel = computed(() => `${this.weekStart()} to ${addDays(this.weekStart(), 6)}`);

  // Filterable, paged list: the form edits these; "Apply" makes them the list's query.
  readonly filterStatus = signal<TimesheetStatus | ''>('');
  readonly filterFrom = signal('');
  readonly filterTo = signal('');
  private readonly filters = signal<ListFilters>({});
  readonly list = apiPager({
    params: () => this.filters(),
    load: (f, cursor) => this.api.list({ ...f, limit: TimesheetLimits.pageDefault, cursor }),
  });

  private readonly change = apiAction({ onError: (m) => this.snack.open(m.join(' '), 'Dismiss') });

  prevWeek(): void {
    this.weekStart.update((d) => addDays(d, -7));
  }
  nextWeek(): void {
    this.weekStart.update((d) => addDays(d, 7));
  }
  thisWeek(): void {
    this.weekStart.set(startOfWeek(localToday()));
  }

  applyFilters(): void {
    this.filters.set({
      status: this.filterStatus() || undefined,
      from: this.filterFrom() || undefined,
      to: this.filterTo() || undefined,
    });
  }

  clearFilters(): void {
    this.filterStatus.set('');
    this.filterFrom.set('');
    this.filterTo.set('');
    this.applyFilters();
  }

  canChange(e: TimesheetEntry): boolean {
    return e.status !== 'approved';
  }

  add(date?: string): void {
    this.openDialog({ date: date ?? localToday() });
  }

  edit(entry: TimesheetEntry): void {
    if (!this.canChange(entry)) return;
    this.openDialog({ entry });
  }

  remove(entry: TimesheetEntry): void {
    if (!this.canChange(entry)) return;
    confirmAction(this.dialog, {
      title: 'Delete entry?',
      message: `${entry.hours} h on ${entry.project}, ${entry.date}. This cannot be undone.`,
      confirm: 'Delete',
    }).subscribe((ok) => {
      if (!ok) return;
      this.change.run(this.api.delete(entry.id), () => {
        this.snack.open('Entry deleted', undefined, { duration: 3000 });
        this.reload();
      });
    });
  }

  private openDialog(data: EntryDialogData): void {
    this.dialog
      .open<EntryDialog, EntryDialogData, TimesheetEntry>(EntryDialog, { data, width: '480px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.snack.open(data.entry ? 'Entry updated' : 'Entry added', undefined, { duration: 3000 });
        this.reload();
      });
  }

  private reload(): void {
    this.week.reload();
    this.list.reload();
  }
}
