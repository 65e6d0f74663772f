import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { formatDay, formatHours, formatWeek } from '@timesheets/web-ui';

export interface SubmitWeekData {
  week: string;
  days: string[];
  /** Hours per day as they will be submitted, Monday first. */
  dayTotals: number[];
  total: number;
  /** The grid has unsaved changes: they are saved first. */
  unsaved: boolean;
}

/** Asks before a week goes to the approvers, showing what it adds up to. Closes with true to submit. */
@Component({
  selector: 'ts-submit-dialog',
  imports: [MatDialogModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 i18n mat-dialog-title>Submit week {{ weekLabel }}?</h2>
    <mat-dialog-content>
      <table class="ts-table">
        <caption i18n class="ts-visually-hidden">
          Hours per day
        </caption>
        <tbody>
          @for (d of data.days; track $index) {
            <tr>
              <th scope="row">{{ day(d) }}</th>
              <td class="num">{{ hours(data.dayTotals[$index]) }}</td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr>
            <th i18n scope="row">Week total</th>
            <td class="num" data-testid="submit-total">{{ hours(data.total) }}</td>
          </tr>
        </tfoot>
      </table>
      @if (data.unsaved) {
        <p i18n>Your changes are saved first.</p>
      }
      <p i18n>Your approvers see the week once it is submitted. You can change it again only if they reject it.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button i18n mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>Cancel</button>
      <button i18n mat-flat-button type="button" [mat-dialog-close]="true">Submit week</button>
    </mat-dialog-actions>
  `,
})
export class SubmitDialog {
  protected readonly data = inject<SubmitWeekData>(MAT_DIALOG_DATA);
  protected readonly weekLabel = formatWeek(this.data.week);
  protected readonly day = formatDay;
  protected readonly hours = formatHours;
}
