import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Scopes, TIMESHEET_STATUSES, TimesheetEntry, TimesheetLimits, TimesheetStatus } from '@timesheets/contracts';
import { HasScopeDirective } from '@timesheets/web-auth';
import { TimesheetsApi } from '@timesheets/web-data-access';
import { PageState, StatusChip, confirmAction, describeApiError } from '@timesheets/web-ui';
import { EntryDialog, EntryDialogData } from './entry-dialog';
import { addDays, buildWeekGrid, localToday, startOfWeek } from './week';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

@Component({
  selector: 'ts-timesheets-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    PageState,
    StatusChip,
    HasScopeDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './timesheets-page.html',
})
export class TimesheetsPage {
  private readonly api = inject(TimesheetsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly scopes = Scopes;
  protected readonly statuses = TIMESHEET_STATUSES;
  protected readonly dayNames = DAY_NAMES;

  // Week view
  readonly weekStart = signal(startOfWeek(localToday()));
  readonly weekEntries = signal<TimesheetEntry[]>([]);
  readonly weekLoading = signal(false);
  readonly weekErrors = signal<string[]>([]);
  readonly weekTruncated = signal(false);
  readonly grid = computed(() => buildWeekGrid(this.weekStart(), this.weekEntries()));
  readonly weekLabel = computed(() => `${this.weekStart()} to ${addDays(this.weekStart(), 6)}`);

  // Filterable, paged list
  readonly filterStatus = signal<TimesheetStatus | ''>('');
  readonly filterFrom = signal('');
  readonly filterTo = signal('');
  readonly items = signal<TimesheetEntry[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly listLoading = signal(false);
  readonly listErrors = signal<string[]>([]);

  constructor() {
    this.loadWeek();
    this.loadList();
  }

  prevWeek(): void {
    this.weekStart.update((d) => addDays(d, -7));
    this.loadWeek();
  }
  nextWeek(): void {
    this.weekStart.update((d) => addDays(d, 7));
    this.loadWeek();
  }
  thisWeek(): void {
    this.weekStart.set(startOfWeek(localToday()));
    this.loadWeek();
  }

  loadWeek(): void {
    this.weekLoading.set(true);
    this.weekErrors.set([]);
    const from = this.weekStart();
    this.api
      .list({ from, to: addDays(from, 6), limit: TimesheetLimits.pageMax })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          if (from !== this.weekStart()) return; // a newer week was asked for meanwhile
          this.weekEntries.set(page.items);
          this.weekTruncated.set(page.nextCursor !== null);
          this.weekLoading.set(false);
        },
        error: (e: unknown) => {
          this.weekErrors.set(describeApiError(e));
          this.weekLoading.set(false);
        },
      });
  }

  applyFilters(): void {
    this.loadList();
  }

  clearFilters(): void {
    this.filterStatus.set('');
    this.filterFrom.set('');
    this.filterTo.set('');
    this.loadList();
  }

  loadList(append = false): void {
    this.listLoading.set(true);
    this.listErrors.set([]);
    this.api
      .list({
        status: this.filterStatus() || undefined,
        from: this.filterFrom() || undefined,
        to: this.filterTo() || undefined,
        limit: TimesheetLimits.pageDefault,
        cursor: append ? (this.nextCursor() ?? undefined) : undefined,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.items.update((cur) => (append ? [...cur, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.listLoading.set(false);
        },
        error: (e: unknown) => {
          this.listErrors.set(describeApiError(e));
          this.listLoading.set(false);
        },
      });
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
      this.api.delete(entry.id).subscribe({
        next: () => {
          this.snack.open('Entry deleted', undefined, { duration: 3000 });
          this.reload();
        },
        error: (e: unknown) => this.snack.open(describeApiError(e).join(' '), 'Dismiss'),
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
    this.loadWeek();
    this.loadList();
  }
}
