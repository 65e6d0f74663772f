import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TIMESHEET_STATUSES, TimesheetEntry, TimesheetLimits, TimesheetStatus } from '@timesheets/contracts';
import { ApprovalsApi } from '@timesheets/web-data-access';
import { PageState, StatusChip, describeApiError } from '@timesheets/web-ui';
import { RejectDialog } from './reject-dialog';

/** Display name of an entry's owner; the API may not know it (then a short form of the subject). */
export function ownerLabel(e: Pick<TimesheetEntry, 'ownerName' | 'ownerId'>): string {
  return e.ownerName ?? `User ${e.ownerId.slice(0, 8)}`;
}

/** Others' entries, pending first; approve or reject (with a reason). The API never lists one's own entries. */
@Component({
  selector: 'ts-approvals-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatSelectModule, PageState, StatusChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="ts-page-header"><h1>Approvals</h1></header>
    <section class="ts-card" aria-labelledby="queue-heading">
      <div class="ts-toolbar">
        <h2 id="queue-heading">{{ status() ? 'Entries: ' + status() : 'All entries' }}</h2>
        <mat-form-field>
          <mat-label>Status</mat-label>
          <mat-select [ngModel]="status()" (ngModelChange)="setStatus($event)" name="status">
            <mat-option value="">Any</mat-option>
            @for (s of statuses; track s) {
              <mat-option [value]="s">{{ s }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      <ts-page-state
        [loading]="loading() && !items().length"
        loadingLabel="Loading entries to approve…"
        [errors]="errors()"
        [empty]="!loading() && !errors().length && !items().length"
        emptyText="Nothing waiting for approval."
        (retry)="load()"
      />
      @if (items().length) {
        <div class="ts-table-scroll">
          <table class="ts-table" aria-label="Entries to approve">
            <thead>
              <tr>
                <th scope="col">Employee</th>
                <th scope="col">Date</th>
                <th scope="col">Project</th>
                <th scope="col" class="num">Hours</th>
                <th scope="col">Notes</th>
                <th scope="col">Status</th>
                <th scope="col"><span class="ts-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (e of items(); track e.id) {
                <tr [attr.data-entry-id]="e.id">
                  <td>{{ owner(e) }}</td>
                  <td>{{ e.date }}</td>
                  <td>{{ e.project }}</td>
                  <td class="num">{{ e.hours }}</td>
                  <td>
                    @if (e.rejectionReason) {
                      <span class="ts-reason">Rejected: {{ e.rejectionReason }}</span>
                    }
                    {{ e.notes }}
                  </td>
                  <td><ts-status-chip [status]="e.status" /></td>
                  <td class="ts-row-actions">
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
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (nextCursor()) {
          <button mat-stroked-button type="button" (click)="load(true)" [disabled]="loading()">
            {{ loading() ? 'Loading…' : 'Load more' }}
          </button>
        }
      }
    </section>
  `,
})
export class ApprovalsPage {
  private readonly api = inject(ApprovalsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly statuses = TIMESHEET_STATUSES;
  protected readonly owner = ownerLabel;

  readonly status = signal<TimesheetStatus | ''>('pending');
  readonly items = signal<TimesheetEntry[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly errors = signal<string[]>([]);
  readonly busy = signal<string | null>(null);

  constructor() {
    this.load();
  }

  setStatus(s: TimesheetStatus | ''): void {
    this.status.set(s);
    this.load();
  }

  load(append = false): void {
    this.loading.set(true);
    this.errors.set([]);
    this.api
      .list({
        status: this.status() || undefined,
        limit: TimesheetLimits.pageDefault,
        cursor: append ? (this.nextCursor() ?? undefined) : undefined,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.items.update((cur) => (append ? [...cur, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.loading.set(false);
        },
        error: (e: unknown) => {
          this.errors.set(describeApiError(e));
          this.loading.set(false);
        },
      });
  }

  approve(e: TimesheetEntry): void {
    this.busy.set(e.id);
    this.api.approve(e.id).subscribe({
      next: (saved) => this.done(saved, 'Entry approved'),
      error: (err: unknown) => this.failed(err),
    });
  }

  reject(e: TimesheetEntry): void {
    this.dialog
      .open<RejectDialog, TimesheetEntry, string>(RejectDialog, { data: e, width: '480px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((reason) => {
        if (!reason) return;
        this.busy.set(e.id);
        this.api.reject(e.id, reason).subscribe({
          next: (saved) => this.done(saved, 'Entry rejected'),
          error: (err: unknown) => this.failed(err),
        });
      });
  }

  private done(saved: TimesheetEntry, message: string): void {
    this.busy.set(null);
    // With a status filter the decided entry leaves the list; otherwise it is updated in place.
    this.items.update((cur) =>
      this.status() && this.status() !== saved.status
        ? cur.filter((x) => x.id !== saved.id)
        : cur.map((x) => (x.id === saved.id ? saved : x)),
    );
    this.snack.open(message, undefined, { duration: 3000 });
  }

  private failed(err: unknown): void {
    this.busy.set(null);
    this.snack.open(describeApiError(err).join(' '), 'Dismiss');
  }
}
