import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TimesheetStatus } from '@timesheets/contracts';

/** Status as a chip; colour is never the only cue (the word is always shown). */
@Component({
  selector: 'ts-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="ts-chip ts-chip-{{ status() }}">{{ label() }}</span>`,
})
export class StatusChip {
  readonly status = input.required<TimesheetStatus>();
  protected label() {
    const s = this.status();
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
}
