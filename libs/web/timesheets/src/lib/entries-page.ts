import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  ENTRY_TRANSITIONS,
  ListTimesheetsQuery,
  Scopes,
  TIMESHEET_STATUSES,
  TimesheetEntry,
  TimesheetLimits,
  TimesheetStatus,
  isoWeekOf,
} from '@timesheets/contracts';
import { HasScopeDirective } from '@timesheets/web-auth';
import { TimesheetsApi, apiAction, apiPager } from '@timesheets/web-data-access';
import {
  EntryActions,
  EntryTable,
  PageState,
  confirmAction,
  datePattern,
  formatDate,
  formatHours,
  isoDate,
  projectLabel,
  statusLabel,
} from '@timesheets/web-ui';

type ListFilters = Pick<ListTimesheetsQuery, 'status' | 'from' | 'to'>;

/** Every entry of the person's, filtered and paged; each opens its week, drafts and rejected ones can be deleted. */
@Component({
  selector: 'ts-entries-page',
  imports: [
    RouterLink,
    FormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    PageState,
    EntryTable,
    EntryActions,
    HasScopeDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="ts-page-header">
      <h1 i18n>My entries</h1>
      <nav aria-label="Timesheets" i18n-aria-label class="ts-actions">
        <a i18n mat-button routerLink="..">Week</a>
      </nav>
    </header>
    <section aria-labelledby="list-heading" class="ts-card">
      <h2 i18n id="list-heading">Entries</h2>
      <form class="ts-filters" (ngSubmit)="applyFilters()" aria-label="Filter entries" i18n-aria-label>
        <mat-form-field>
          <mat-label i18n>Status</mat-label>
          <mat-select [ngModel]="filterStatus()" (ngModelChange)="filterStatus.set($event)" name="status">
            <mat-option i18n value="">Any</mat-option>
            @for (s of statuses; track s) {
              <mat-option [value]="s">{{ statusLabel(s) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label i18n>From</mat-label>
          <input
            matInput
            [matDatepicker]="fromPicker"
            name="from"
            [ngModel]="filterFrom()"
            (ngModelChange)="filterFrom.set($event)"
          />
          <mat-hint>{{ datePattern }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
          <mat-datepicker #fromPicker />
        </mat-form-field>
        <mat-form-field>
          <mat-label i18n>To</mat-label>
          <input
            matInput
            [matDatepicker]="toPicker"
            name="to"
            [ngModel]="filterTo()"
            (ngModelChange)="filterTo.set($event)"
          />
          <mat-hint>{{ datePattern }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
          <mat-datepicker #toPicker />
        </mat-form-field>
        <div class="ts-actions">
          <button i18n mat-flat-button type="submit">Apply</button>
          <button i18n mat-button type="button" (click)="clearFilters()">Clear</button>
        </div>
      </form>
      <ts-page-state
        [loading]="list.loading() && !list.items().length"
        loadingLabel="Loading entries…"
        i18n-loadingLabel
        [errors]="list.errors()"
        [empty]="!list.items().length"
        emptyText="No entries match."
        i18n-emptyText
        (retry)="list.retry()"
      />
      @if (list.items().length) {
        <ts-entry-table
          label="Timesheet entries"
          i18n-label
          [entries]="list.items()"
          [hasMore]="list.hasMore()"
          [loading]="list.loading()"
          (more)="list.more()"
        >
          <ng-template tsEntryActions let-e>
            <button i18n mat-button type="button" (click)="openWeek(e)" [attr.aria-label]="openWeekLabel(e)">
              Open week
            </button>
            @if (canDelete(e)) {
              <button
                i18n
                *hasScope="scopes.DeleteTimesheets"
                mat-button
                type="button"
                (click)="remove(e)"
                [attr.aria-label]="deleteLabel(e)"
              >
                Delete
              </button>
            }
          </ng-template>
        </ts-entry-table>
      }
    </section>
  `,
})
export class EntriesPage {
  private readonly api = inject(TimesheetsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly router = inject(Router);

  protected readonly scopes = Scopes;
  protected readonly statuses = TIMESHEET_STATUSES;

  // The form edits these; "Apply" makes them the list's query.
  readonly filterStatus = signal<TimesheetStatus | ''>('');
  readonly filterFrom = signal<Date | null>(null);
  readonly filterTo = signal<Date | null>(null);
  protected readonly statusLabel = statusLabel;
  protected readonly date = formatDate;
  protected readonly datePattern = datePattern();
  private readonly filters = signal<ListFilters>({});
  readonly list = apiPager({
    params: () => this.filters(),
    load: (f, cursor) => this.api.list({ ...f, limit: TimesheetLimits.pageDefault, cursor }),
  });
  private readonly change = apiAction({ onError: (m) => this.snack.open(m.join(' '), $localize`Dismiss`) });

  applyFilters(): void {
    this.filters.set({
      status: this.filterStatus() || undefined,
      from: isoDate(this.filterFrom()) || undefined,
      to: isoDate(this.filterTo()) || undefined,
    });
  }

  clearFilters(): void {
    this.filterStatus.set('');
    this.filterFrom.set(null);
    this.filterTo.set(null);
    this.applyFilters();
  }

  canDelete(e: TimesheetEntry): boolean {
    return ENTRY_TRANSITIONS[e.status].delete;
  }

  openWeek(e: TimesheetEntry): void {
    void this.router.navigate(['/timesheets'], { queryParams: { week: isoWeekOf(e.date) } });
  }

  remove(e: TimesheetEntry): void {
    if (!this.canDelete(e)) return;
    confirmAction(this.dialog, {
      title: $localize`Delete entry?`,
      message: `${formatHours(e.hours)} h on ${projectLabel(e.project)}, ${e.date}. This cannot be undone.`,
      confirm: $localize`Delete`,
    }).subscribe((ok) => {
      if (!ok) return;
      this.change.run(this.api.delete(e.id), () => {
        this.list.update((items) => items.filter((x) => x.id !== e.id));
        this.snack.open($localize`Entry deleted`, undefined, { duration: 3000 });
      });
    });
  }

  protected openWeekLabel(e: TimesheetEntry): string {
    return $localize`Open the week of ${formatDate(e.date)}:date:`;
  }

  protected deleteLabel(e: TimesheetEntry): string {
    return $localize`Delete ${e.project.code}:project: on ${formatDate(e.date)}:date:`;
  }
}
