import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TIMESHEET_STATUSES, TimesheetEntry, TimesheetLimits, TimesheetStatus } from '@timesheets/contracts';
import { ApprovalsApi, apiAction, apiPager } from '@timesheets/web-data-access';
import { EntryActions, EntryTable, PageState, ownerLabel } from '@timesheets/web-ui';
import { RejectDialog } from './reject-dialog';

/** Others' entries, pending first; approve or reject (with a reason). The API never lists one's own entries. */
@Component({
  selector: 'ts-approvals-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatSelectModule, PageState, EntryTable, EntryActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="ts-page-header"><h1>Approvals</h1></header>
    <section class="ts-card" aria-labelledby="queue-heading">
      <div class="ts-toolbar">
        <h2 id="queue-heading">
          @if (status()) {
            Entries: {{ status() }}
          } @else {
            All entries
          }
        </h2>
        <mat-form-field>
          <mat-label>Status</mat-label>
          <mat-select [ngModel]="status()" (ngModelChange)="status.set($event)" name="status">
            <mat-option value="">Any</mat-option>
            @for (s of statuses; track s) {
              <mat-option [value]="s">{{ s }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      <ts-page-state
        [loading]="queue.loading() && !queue.items().length"
        loadingLabel="Loading entries to approve…"
        [errors]="queue.errors()"
        [empty]="!queue.loading() && !queue.errors().length && !queue.items().length"
        emptyText="Nothing waiting for approval."
        (retry)="queue.retry()"
      />
      @if (queue.items().length) {
        <ts-entry-table
          label="Entries to approve"
          [showOwner]="true"
          [entries]="queue.items()"
          [hasMore]="queue.hasMore()"
          [loading]="queue.loading()"
          (more)="queue.more()"
        >
          <ng-template tsEntryActions let-e>
            @if (e.status === 'pending') {
              <button
                mat-flat-button
                type="button"
                [disabled]="busy() === e.id"
                (click)="approve(e)"
                [attr.aria-label]="'Approve ' + e.project + ' on ' + e.date + ' by ' + owner(e)"
              >
                Approve
              </button>
              <button
                mat-stroked-button
                type="button"
                [disabled]="busy() === e.id"
                (click)="reject(e)"
                [attr.aria-label]="'Reject ' + e.project + ' on ' + e.date + ' by ' + owner(e)"
              >
                Reject
              </button>
            }
          </ng-template>
        </ts-entry-table>
      }
    </section>
  `,
})
export class ApprovalsPage {
  private readonly api = inject(ApprovalsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  protected readonly statuses = TIMESHEET_STATUSES;
  protected readonly owner = ownerLabel;

  readonly status = signal<TimesheetStatus | ''>('pending');
  readonly queue = apiPager({
    params: () => this.status(),
    load: (status, cursor) =>
      this.api.list({ status: status || undefined, limit: TimesheetLimits.pageDefault, cursor }),
  });
  /** The entry whose decision is on its way. */
  readonly busy = signal<string | null>(null);
  private readonly decision = apiAction({
    onError: (m) => {
      this.busy.set(null);
      this.snack.open(m.join(' '), 'Dismiss');
    },
  });

  approve(e: TimesheetEntry): void {
    this.busy.set(e.id);
    this.decision.run(this.api.approve(e.id), (saved) => this.done(saved, 'Entry approved'));
  }

  reject(e: TimesheetEntry): void {
    this.dialog
      .open<RejectDialog, TimesheetEntry, string>(RejectDialog, { data: e, width: '480px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((reason) => {
        if (!reason) return;
        this.busy.set(e.id);
        this.decision.run(this.api.reject(e.id, reason), (saved) => this.done(saved, 'Entry rejected'));
      });
  }

  private done(saved: TimesheetEntry, message: string): void {
    this.busy.set(null);
    // With a status filter the decided entry leaves the list; otherwise it is updated in place.
    this.queue.update((cur) =>
      this.status() && this.status() !== saved.status
        ? cur.filter((x) => x.id !== saved.id)
        : cur.map((x) => (x.id === saved.id ? saved : x)),
    );
    this.snack.open(message, undefined, { duration: 3000 });
  }
}
