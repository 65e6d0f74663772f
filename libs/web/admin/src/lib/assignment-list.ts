import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';

/** Something assigned to the thing being edited (a role, a member, a manager), as the list shows it. */
export interface Assignable {
  readonly id: string;
  readonly label: string;
}

/**
 * What is assigned to something, each with a Remove button, and a picker to add one of the `options` not assigned
 * yet (the picker empties again after each choice). Without `editable` it is a plain list.
 */
@Component({
  selector: 'ts-assignment-list',
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul [attr.aria-label]="listLabel() || null">
      @for (item of assigned(); track item.id) {
        <li>
          {{ item.label }}
          @if (editable()) {
            <button
              i18n
              mat-button
              type="button"
              (click)="removed.emit(item.id)"
              [attr.aria-label]="removeLabel()(item.label)"
            >
              Remove
            </button>
          }
        </li>
      } @empty {
        <li class="ts-empty">{{ emptyText() }}</li>
      }
    </ul>
    @if (editable() && available().length) {
      <mat-form-field>
        <mat-label>{{ addLabel() }}</mat-label>
        <mat-select (selectionChange)="added.emit($event.value); $event.source.writeValue(null)">
          @for (o of available(); track o.id) {
            <mat-option [value]="o.id">{{ o.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
  `,
})
export class AssignmentList {
  readonly assigned = input.required<readonly Assignable[]>();
  readonly options = input<readonly Assignable[]>([]);
  readonly editable = input(false);
  readonly emptyText = input.required<string>();
  readonly addLabel = input.required<string>();
  /** The Remove button's accessible name for an item's label ("Remove role employee"). */
  readonly removeLabel = input.required<(label: string) => string>();
  /** The list's accessible name, when the heading above it is not enough. */
  readonly listLabel = input('');
  readonly added = output<string>();
  readonly removed = output<string>();

  /** The options not assigned already. */
  protected readonly available = computed(() => {
    const taken = new Set(this.assigned().map((a) => a.id));
    return this.options().filter((o) => !taken.has(o.id));
  });
}
