import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';

/** Loading, error and empty states, the same on every page. */
@Component({
  selector: 'ts-page-state',
  imports: [MatProgressBarModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
      <p class="ts-visually-hidden" role="status">{{ loadingLabel() }}</p>
    } @else if (errors().length) {
      <div class="ts-error" role="alert">
        @for (m of errors(); track $index) {
          <p>{{ m }}</p>
        }
        @if (retryable()) {
          <button i18n mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
        }
      </div>
    } @else if (empty()) {
      <p class="ts-empty" role="status">{{ emptyText() }}</p>
    }
  `,
})
export class PageState {
  readonly loading = input(false);
  readonly loadingLabel = input($localize`Loading…`);
  readonly errors = input<string[]>([]);
  /** Whether there is nothing to show; the empty text appears only once nothing loads and nothing failed. */
  readonly empty = input(false);
  readonly emptyText = input($localize`Nothing here yet.`);
  readonly retryable = input(true);
  readonly retry = output<void>();
}
