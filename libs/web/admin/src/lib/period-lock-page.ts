import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PeriodLockDto, TimesheetMessages, isIsoDate } from '@timesheets/contracts';
import { AdminApi, apiAction, apiLoader } from '@timesheets/web-data-access';
import { PageState, confirmAction, formatDateTime, formatLongDate } from '@timesheets/web-ui';

/**
 * The period lock: nothing dated on or before "locked through" can be created, changed, deleted, submitted or decided.
 * Moving it (or lifting it) asks first; the API audits every move.
 */
@Component({
  selector: 'ts-admin-period-lock',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, PageState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="lock-heading">
      <h2 id="lock-heading">Period lock</h2>
      <ts-page-state
        [loading]="lock.loading()"
        loadingLabel="Loading the period lock…"
        [errors]="lock.errors()"
        (retry)="lock.reload()"
      />
      @if (lock.value(); as l) {
        <p data-testid="locked-through">
          @if (l.lockedThrough) {
            Timesheets are locked through <strong>{{ longDate(l.lockedThrough) }}</strong
            >.
          } @else {
            Nothing is locked.
          }
        </p>
        @if (l.updatedAt) {
          <p class="ts-muted">Last moved {{ dateTime(l.updatedAt) }} by {{ l.updatedBy ?? 'unknown' }}.</p>
        }
        <form class="ts-filters" (ngSubmit)="move()" aria-label="Move the period lock">
          <mat-form-field>
            <mat-label>Lock through</mat-label>
            <input
              matInput
              type="date"
              name="through"
              required
              [ngModel]="through()"
              (ngModelChange)="through.set($event)"
            />
            <mat-hint>The last day that can no longer change</mat-hint>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="change.loading()">Move the lock</button>
          @if (l.lockedThrough) {
            <button mat-stroked-button type="button" (click)="lift()" [disabled]="change.loading()">
              Lift the lock
            </button>
          }
        </form>
        @if (formError(); as e) {
          <p class="ts-error" role="alert">{{ e }}</p>
        }
        @if (change.errors().length) {
          <div class="ts-error" role="alert">
            @for (m of change.errors(); track $index) {
              <p>{{ m }}</p>
            }
          </div>
        }
      }
    </section>
  `,
})
export class PeriodLockPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  protected readonly longDate = formatLongDate;
  protected readonly dateTime = formatDateTime;

  readonly lock = apiLoader({ load: () => this.api.periodLock(), initial: null as PeriodLockDto | null });
  readonly through = signal('');
  readonly formError = signal<string | null>(null);
  readonly change = apiAction();

  move(): void {
    const date = this.through();
    if (!isIsoDate(date)) return this.formError.set(TimesheetMessages.lockedThrough);
    this.formError.set(null);
    const current = this.lock.value()?.lockedThrough ?? null;
    const ask =
      current !== null && date < current
        ? {
            title: `Unlock the days after ${formatLongDate(date)}?`,
            message: `Entries dated after ${formatLongDate(date)} up to ${formatLongDate(current)} can be changed, submitted and decided again.`,
            confirm: 'Move the lock back',
          }
        : {
            title: `Lock timesheets through ${formatLongDate(date)}?`,
            message: `Nothing dated on or before ${formatLongDate(date)} can then be created, changed, deleted, submitted or decided.`,
            confirm: 'Lock',
          };
    this.confirmThenSet(ask, date);
  }

  lift(): void {
    this.confirmThenSet(
      {
        title: 'Lift the period lock?',
        message: 'Every entry can then be changed again as its status allows.',
        confirm: 'Lift the lock',
      },
      null,
    );
  }

  private confirmThenSet(ask: { title: string; message: string; confirm: string }, lockedThrough: string | null): void {
    confirmAction(this.dialog, ask).subscribe((ok) => {
      if (!ok) return;
      this.change.run(this.api.setPeriodLock({ lockedThrough }), (saved) => {
        this.lock.update(() => saved);
        this.through.set('');
        this.snack.open(
          saved.lockedThrough ? `Locked through ${formatLongDate(saved.lockedThrough)}` : 'Period lock lifted',
          undefined,
          { duration: 3000 },
        );
      });
    });
  }
}
