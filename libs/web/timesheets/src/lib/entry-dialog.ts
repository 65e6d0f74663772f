import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CreateTimesheetRequest, TimesheetEntry, TimesheetLimits as L, TimesheetMessages } from '@timesheets/contracts';
import { TimesheetsApi, apiAction } from '@timesheets/web-data-access';
import { hoursValidator, isoDateValidator, trimmedLength } from './entry-form';

export interface EntryDialogData {
  entry?: TimesheetEntry;
  date?: string;
}

/** Add or edit one entry. Closes with the saved entry. */
@Component({
  selector: 'ts-entry-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.entry ? 'Edit entry' : 'Add entry' }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="ts-form">
        @if (data.entry?.status === 'rejected') {
          <p class="ts-note">Rejected: {{ data.entry?.rejectionReason }}. Saving sends it for approval again.</p>
        }
        <mat-form-field>
          <mat-label>Date</mat-label>
          <input matInput type="date" formControlName="date" required />
          @if (form.controls.date.invalid) {
            <mat-error>{{ messages.date }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Project</mat-label>
          <input matInput formControlName="project" required [attr.maxlength]="limits.projectMax" autocomplete="off" />
          @if (form.controls.project.invalid) {
            <mat-error>{{ messages.project }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Hours</mat-label>
          <input
            matInput
            type="number"
            formControlName="hours"
            required
            [attr.min]="hoursStep"
            [attr.max]="limits.hoursMax"
            step="0.25"
            inputmode="decimal"
          />
          <mat-hint>More than {{ limits.hoursMin }}, at most {{ limits.hoursMax }}</mat-hint>
          @if (form.controls.hours.invalid) {
            <mat-error>{{ messages.hours }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Notes</mat-label>
          <textarea matInput formControlName="notes" rows="3" [attr.maxlength]="limits.notesMax"></textarea>
          @if (form.controls.notes.invalid) {
            <mat-error>{{ messages.notes }}</mat-error>
          }
        </mat-form-field>
        @if (saving.loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving" />
        }
        @if (saving.errors().length) {
          <div role="alert" class="ts-error">
            @for (m of saving.errors(); track $index) {
              <p>{{ m }}</p>
            }
          </div>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving.loading()">Save</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class EntryDialog {
  protected readonly data = inject<EntryDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<EntryDialog, TimesheetEntry>);
  private readonly api = inject(TimesheetsApi);
  protected readonly messages = TimesheetMessages;
  protected readonly limits = L;
  /** The smallest amount the API accepts (`hoursDecimals` decimals above `hoursMin`). */
  protected readonly hoursStep = L.hoursMin + 10 ** -L.hoursDecimals;
  protected readonly saving = apiAction();

  readonly form = new FormGroup({
    date: new FormControl(this.data.entry?.date ?? this.data.date ?? '', {
      nonNullable: true,
      validators: [isoDateValidator],
    }),
    project: new FormControl(this.data.entry?.project ?? '', {
      nonNullable: true,
      validators: [trimmedLength(L.projectMin, L.projectMax)],
    }),
    hours: new FormControl<number | null>(this.data.entry?.hours ?? null, { validators: [hoursValidator] }),
    notes: new FormControl(this.data.entry?.notes ?? '', {
      nonNullable: true,
      validators: [Validators.maxLength(L.notesMax)],
    }),
  });

  save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving.loading()) return;
    const v = this.form.getRawValue();
    const body: CreateTimesheetRequest = {
      date: v.date,
      project: v.project.trim(),
      hours: Number(v.hours),
      notes: v.notes.trim() ? v.notes.trim() : null,
    };
    if (!this.data.entry && body.notes === null) delete body.notes;
    const req = this.data.entry ? this.api.update(this.data.entry.id, body) : this.api.create(body);
    this.saving.run(req, (saved) => this.ref.close(saved));
  }
}
