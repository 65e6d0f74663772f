import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PeriodLockDto } from '@timesheets/contracts';
import { AdminApi, apiAction, apiLoader } from '@timesheets/web-data-access';
import { PageState, confirmAction, datePattern, formatDateTime, formatLongDate, isoDate } from '@timesheets/web-ui';

/**
 * The period lock: nothing dated on or before "locked through" can be created, changed, deleted, submitted or decided.
 * Moving it (or lifting it) asks first; the API audits every move.
 */
@Component({
  selector: 'ts-admin-period-lock',
  imports: [FormsModule, MatButtonModule, MatDatepickerModule, MatFormFieldModule, MatInputModule, PageState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="lock-heading">
      <h2 i18n id="lock-heading">Period lock</h2>
      <ts-page-state
        [loading]="lock.loading()"
        loadingLabel="Loading the period lock…"
        i18n-loadingLabel
        [errors]="lock.errors()"
        (retry)="lock.reload()"
      />
      @if (lock.value(); as l) {
        <p i18n data-testid="locked-through">
          @if (l.lockedThrough) {
            Timesheets are locked through <strong>{{ longDate(l.lockedThrough) }}</strong
            >.
          } @else {
            Nothing is locked.
          }
        </p>
        @if (l.updatedAt) {
          <p i18n class="ts-muted">Last moved {{ dateTime(l.updatedAt) }} by {{ l.updatedBy ?? unknown }}.</p>
        }
        <form class="ts-filters" (ngSubmit)="move()" aria-label="Move the period lock" i18n-aria-label>
          <mat-form-field>
            <mat-label i18n>Lock through</mat-label>
            <input
              matInput
              [matDatepicker]="throughPicker"
              name="through"
              [ngModel]="through()"
              (ngModelChange)="through.set($event); formError.set(null)"
              [attr.aria-invalid]="formError() ? 'true' : null"
              [attr.aria-describedby]="formError() ? 'through-error' : null"
            />
            <mat-datepicker-toggle matIconSuffix [for]="throughPicker" />
            <mat-datepicker #throughPicker />
            @if (formError(); as e) {
              <mat-hint id="through-error" class="ts-field-error">{{ e }}</mat-hint>
            } @else {
              <mat-hint i18n>The last day that can no longer change ({{ datePattern }})</mat-hint>
            }
          </mat-form-field>
          <button i18n mat-flat-button type="submit" [disabled]="change.loading()">Move the lock</button>
          @if (l.lockedThrough) {
            <button i18n mat-stroked-button type="button" (click)="lift()" [disabled]="change.loading()">
              Lift the lock
            </button>
          }
        </form>
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
  protected readonly unknown = $localize`:who moved the lock:unknown`;
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  protected readonly longDate = formatLongDate;
  protected readonly dateTime = formatDateTime;

  readonly lock = apiLoader({ load: () => this.api.periodLock(), initial: null as PeriodLockDto | null });
  readonly through = signal<Date | null>(null);
  protected readonly datePattern = datePattern();
  readonly formError = signal<string | null>(null);
  readonly change = apiAction();

  move(): void {
    const date = isoDate(this.through());
    if (!date)
      return this.formError.set($localize`Lock through must be a real date, written ${datePattern()}:pattern:.`);
    this.formError.set(null);
    const current = this.lock.value()?.lockedThrough ?? null;
    const ask =
      current !== null && date < current
        ? {
            title: $localize`Unlock the days after ${formatLongDate(date)}?`,
            message: $localize`Entries dated after ${formatLongDate(date)} up to ${formatLongDate(current)} can be changed, submitted and decided again.`,
            confirm: $localize`Move the lock back`,
          }
        : {
            title: $localize`Lock timesheets through ${formatLongDate(date)}?`,
            message: $localize`Nothing dated on or before ${formatLongDate(date)} can then be created, changed, deleted, submitted or decided.`,
            confirm: $localize`Lock`,
          };
    this.confirmThenSet(ask, date);
  }

  lift(): void {
    this.confirmThenSet(
      {
        title: $localize`Lift the period lock?`,
        message: $localize`Every entry can then be changed again as its status allows.`,
        confirm: $localize`Lift the lock`,
      },
      null,
    );
  }

  private confirmThenSet(ask: { title: string; message: string; confirm: string }, lockedThrough: string | null): void {
    confirmAction(this.dialog, ask).subscribe((ok) => {
      if (!ok) return;
      this.change.run(this.api.setPeriodLock({ lockedThrough }), (saved) => {
        this.lock.update(() => saved);
        this.through.set(null);
        this.snack.open(
          saved.lockedThrough
            ? $localize`Locked through ${formatLongDate(saved.lockedThrough)}`
            : $localize`Period lock lifted`,
          undefined,
          { duration: 3000 },
        );
      });
    });
  }
}
