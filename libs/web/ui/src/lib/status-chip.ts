import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TimesheetStatus } from '@timesheets/contracts';

/** Status as a chip; colour is never the only cue (the word is always shown). */
@Component({
  selector: 'ts-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="ts-chip ts-chip-{{ status() }}">
    @switch (status()) {
      @case ('draft') {
        Draft
      }
      @case ('pending') {
        Pending
      }
      @case ('approved') {
        Approved
      }
      @case ('rejected') {
        Rejected
      }
    }
  </span>`,
})
export class StatusChip {
  readonly status = input.required<TimesheetStatus>();
}
