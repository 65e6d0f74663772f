import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  CreateProjectRequest,
  CustomerDto,
  GroupDto,
  PROJECT_CODE_PATTERN,
  ProjectDto,
  TimesheetLimits as L,
  TimesheetMessages,
  hasTrimmedLength,
} from '@timesheets/contracts';
import { AdminApi, apiAction, fieldErrors } from '@timesheets/web-data-access';

export interface ProjectDialogData {
  /** The project to edit; none to create one. */
  project?: ProjectDto;
  customers: CustomerDto[];
  /** Groups to limit the project to (empty without read:groups: then the field is not offered). */
  groups: GroupDto[];
}

/** Codes are stored upper case; the form checks what the API will. */
export function normalizeCode(value: string): string {
  return value.trim().toUpperCase();
}

const codeValidator = (c: AbstractControl): ValidationErrors | null => {
  const code = normalizeCode(String(c.value ?? ''));
  return code.length >= L.projectCodeMin && code.length <= L.projectCodeMax && PROJECT_CODE_PATTERN.test(code)
    ? null
    : { code: true };
};
const nameValidator = (c: AbstractControl): ValidationErrors | null =>
  hasTrimmedLength(c.value, L.projectNameMin, L.projectNameMax) ? null : { name: true };

/** Creates or edits a project: code, name, customer, billable, and the groups allowed to book on it. */
@Component({
  selector: 'ts-project-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatCheckboxModule,
    MatButtonModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 i18n mat-dialog-title>
      @if (data.project) {
        Edit project {{ data.project.code }}
      } @else {
        New project
      }
    </h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="ts-form">
        <mat-form-field>
          <mat-label i18n>Code</mat-label>
          <input matInput formControlName="code" required [attr.maxlength]="limits.projectCodeMax" autocomplete="off" />
          <mat-hint i18n>Short and unique, e.g. APOLLO or WEB-2</mat-hint>
          @if (form.controls.code.invalid) {
            <mat-error>{{ form.controls.code.errors?.['api'] ?? messages.projectCode }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label i18n>Name</mat-label>
          <input matInput formControlName="name" required [attr.maxlength]="limits.projectNameMax" />
          @if (form.controls.name.invalid) {
            <mat-error>{{ form.controls.name.errors?.['api'] ?? messages.projectName }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label i18n>Customer</mat-label>
          <mat-select formControlName="customerId">
            <mat-option i18n [value]="null">None (internal work)</mat-option>
            @for (c of data.customers; track c.id) {
              <mat-option [value]="c.id" [disabled]="c.archived">{{ c.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-checkbox i18n formControlName="billable">Billable</mat-checkbox>
        @if (data.groups.length) {
          <mat-form-field>
            <mat-label i18n>Only these groups may book on it</mat-label>
            <mat-select formControlName="allowedGroupIds" multiple>
              @for (g of data.groups; track g.id) {
                <mat-option [value]="g.id">{{ g.name }}</mat-option>
              }
            </mat-select>
            <mat-hint i18n>None chosen: everyone may book on it</mat-hint>
          </mat-form-field>
        }
        @if (saving.loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving" i18n-aria-label />
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
        <button i18n mat-button type="button" mat-dialog-close>Cancel</button>
        <button i18n mat-flat-button type="submit" [disabled]="saving.loading()">Save</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class ProjectDialog {
  protected readonly data = inject<ProjectDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ProjectDialog, ProjectDto>);
  private readonly api = inject(AdminApi);
  protected readonly messages = TimesheetMessages;
  protected readonly limits = L;
  protected readonly saving = apiAction();

  readonly form = new FormGroup({
    code: new FormControl(this.data.project?.code ?? '', { nonNullable: true, validators: [codeValidator] }),
    name: new FormControl(this.data.project?.name ?? '', { nonNullable: true, validators: [nameValidator] }),
    customerId: new FormControl<string | null>(this.data.project?.customer?.id ?? null),
    billable: new FormControl(this.data.project?.billable ?? true, { nonNullable: true }),
    allowedGroupIds: new FormControl<string[]>(this.data.project?.allowedGroups.map((g) => g.id) ?? [], {
      nonNullable: true,
    }),
  });

  save(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.saving.loading()) return;
    const v = this.form.getRawValue();
    const body: CreateProjectRequest = {
      code: normalizeCode(v.code),
      name: v.name.trim(),
      customerId: v.customerId,
      billable: v.billable,
      ...(this.data.groups.length ? { allowedGroupIds: v.allowedGroupIds } : {}),
    };
    const p = this.data.project;
    this.saving.run(
      p ? this.api.updateProject(p.id, body) : this.api.createProject(body),
      (saved) => this.ref.close(saved),
      (_m, error) => {
        // The API names the field (a taken code, say): show it there too.
        for (const e of fieldErrors(error))
          if (e.field === 'code' || e.field === 'name') this.form.controls[e.field].setErrors({ api: e.message });
      },
    );
  }
}
