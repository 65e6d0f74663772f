import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, ValidatorFn } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TimesheetLimits as L, TimesheetMessages, hasTrimmedLength } from '@timesheets/contracts';

export interface RejectDialogData {
  /** What is rejected, in words (`Alice Employee, 2026-W49 (30 Nov – 6 Dec)`), one line each. */
  weeks: string[];
}

const reasonValidator: ValidatorFn = (c) =>
  hasTrimmedLength(c.value, L.reasonMin, L.reasonMax) ? null : { reason: true };

/** Asks for the (required) rejection reason of one or more person-weeks; closes with it trimmed. */
@Component({
  selector: 'ts-reject-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 i18n mat-dialog-title>Reject</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p i18n>The pending hours of these weeks go back to their owners with your reason:</p>
        <ul data-testid="reject-weeks">
          @for (w of data.weeks; track $index) {
            <li>{{ w }}</li>
          }
        </ul>
        <mat-form-field class="ts-full">
          <mat-label i18n>Reason</mat-label>
          <textarea
            matInput
            formControlName="reason"
            required
            rows="3"
            [attr.maxlength]="max"
            cdkFocusInitial
          ></textarea>
          @if (reason.invalid) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button i18n mat-button type="button" mat-dialog-close>Cancel</button>
        <button i18n mat-flat-button type="submit">Reject</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class RejectDialog {
  protected readonly data = inject<RejectDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<RejectDialog, string>);
  protected readonly message = TimesheetMessages.reason;
  protected readonly max = L.reasonMax;
  readonly reason = new FormControl('', { nonNullable: true, validators: [reasonValidator] });
  protected readonly form = new FormGroup({ reason: this.reason });

  submit(): void {
    this.reason.markAsTouched();
    if (this.reason.valid) this.ref.close(this.reason.value.trim());
  }
}
