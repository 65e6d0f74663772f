import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TimesheetStatus } from '@timesheets/contracts';
import { statusLabel } from './format';

/** Status as a chip; colour is never the only cue (the word is always shown). */
@Component({
  selector: 'ts-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="ts-chip ts-chip-{{ status() }}">{{ label() }}</span>`,
})
export class StatusChip {
  readonly status = input.required<TimesheetStatus>();
  protected readonly label = computed(() => statusLabel(this.status()));
}
