import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** "Load more" under a keyset-paged list: shown while the API has a next page, disabled while a page loads. */
@Component({
  selector: 'ts-load-more',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (hasMore()) {
      <button i18n mat-stroked-button type="button" (click)="more.emit()" [disabled]="loading()">
        @if (loading()) {
          Loading…
        } @else {
          Load more
        }
      </button>
    }
  `,
})
export class LoadMore {
  readonly hasMore = input.required<boolean>();
  readonly loading = input(false);
  readonly more = output<void>();
}
