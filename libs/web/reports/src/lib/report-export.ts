import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { DecimalSeparator, ExportFormat, ExportKind } from '@timesheets/contracts';
import { ReportsApi, apiDownload } from '@timesheets/web-data-access';
import { formatBytes } from '@timesheets/web-ui';
import { ReportFilters, toQuery } from './report-filters';

/**
 * Downloads of the report's period and filters: every entry (detail) or the report's rows (aggregate), as CSV or
 * XLSX. Large exports stream for a while: the bytes received show, and Cancel aborts the request.
 */
@Component({
  selector: 'ts-report-export',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatProgressBarModule, MatRadioModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-radio-group
      class="ts-export-kind"
      aria-labelledby="export-kind-label"
      [ngModel]="kind()"
      (ngModelChange)="kind.set($event)"
    >
      <span i18n id="export-kind-label" class="ts-muted">What to download</span>
      <mat-radio-button i18n value="detail">Every entry (one line each)</mat-radio-button>
      <mat-radio-button i18n value="aggregate" [disabled]="!filters().groupBy.length">
        The report's rows, as grouped
      </mat-radio-button>
    </mat-radio-group>
    <fieldset class="ts-export-csv">
      <legend i18n>CSV options</legend>
      <mat-checkbox i18n [ngModel]="bom()" (ngModelChange)="bom.set($event)"
        >Mark as UTF-8 for Excel (BOM)</mat-checkbox
      >
      <mat-checkbox i18n [ngModel]="decimalComma()" (ngModelChange)="decimalComma.set($event)">
        Decimal comma (7,5; fields separated by ;)
      </mat-checkbox>
    </fieldset>
    <div class="ts-actions">
      <button i18n mat-flat-button type="button" [disabled]="download.active()" (click)="start('csv')">
        Download CSV
      </button>
      <button i18n mat-stroked-button type="button" [disabled]="download.active()" (click)="start('xlsx')">
        Download Excel (XLSX)
      </button>
    </div>
    <div class="ts-export-status" role="status">
      @if (download.active()) {
        <mat-progress-bar
          [mode]="download.fraction() === null ? 'indeterminate' : 'determinate'"
          [value]="(download.fraction() ?? 0) * 100"
          aria-label="Download progress"
          i18n-aria-label
        />
        <p>
          @if (format() === 'csv') {
            <ng-container i18n>Downloading CSV… {{ bytes(download.received()) }} received</ng-container>
          } @else {
            <ng-container i18n>Downloading Excel… {{ bytes(download.received()) }} received</ng-container>
          }
          <button i18n mat-button type="button" (click)="cancel()">Cancel download</button>
        </p>
      } @else if (download.saved(); as name) {
        <p i18n>Saved {{ name }} ({{ bytes(download.received()) }}).</p>
      } @else if (cancelled()) {
        <p i18n>Download cancelled.</p>
      }
    </div>
    @if (download.errors().length) {
      <div class="ts-error" role="alert">
        @for (m of download.errors(); track $index) {
          <p>{{ m }}</p>
        }
      </div>
    }
  `,
  styles: `
    .ts-export-kind {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 16px;
    }
    .ts-export-csv {
      border: none;
      padding: 0;
      margin: 8px 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .ts-export-csv legend {
      padding: 0;
      color: var(--ts-muted);
    }
  `,
})
export class ReportExport {
  readonly filters = input.required<ReportFilters>();

  private readonly api = inject(ReportsApi);
  protected readonly download = apiDownload();
  protected readonly bytes = formatBytes;
  readonly kind = signal<ExportKind>('detail');
  readonly bom = signal(false);
  readonly decimalComma = signal(false);
  readonly format = signal<ExportFormat>('csv');
  readonly cancelled = signal(false);

  start(format: ExportFormat): void {
    const f = this.filters();
    // The report's rows need a grouping; with none, every entry is what there is to download.
    const kind = f.groupBy.length ? this.kind() : 'detail';
    const decimal: DecimalSeparator = this.decimalComma() ? 'comma' : 'point';
    this.format.set(format);
    this.cancelled.set(false);
    const csv = format === 'csv' ? { bom: this.bom(), decimal } : {};
    this.download.start(
      this.api.exportHours({ ...toQuery(f), format, kind, ...csv }),
      `hours-${f.from}-${f.to}-${kind}.${format}`,
    );
  }

  cancel(): void {
    this.download.cancel();
    this.cancelled.set(true);
  }
}
