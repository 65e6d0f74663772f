import {
  ChangeDetectionStrategy,
  ViewContainerRef,
  effect,
  Component,
  Directive,
  TemplateRef,
  contentChild,
  inject,
  input,
  output,
} from '@angular/core';
import { TimesheetEntry } from '@timesheets/contracts';
import { LoadMore } from './load-more';
import { StatusChip } from './status-chip';
import { formatDate, formatHours, ownerLabel, projectLabel } from './format';

export interface EntryActionsContext {
  $implicit: TimesheetEntry;
}

/** The buttons of one row: `<ng-template tsEntryActions let-e>…</ng-template>` inside `<ts-entry-table>`. */
@Directive({ selector: 'ng-template[tsEntryActions]' })
export class EntryActions {
  readonly template = inject<TemplateRef<EntryActionsContext>>(TemplateRef);
  // Types `let-e` in the template; Angular's compiler reads the signature, nothing calls it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  static ngTemplateContextGuard(dir: EntryActions, ctx: unknown): ctx is EntryActionsContext {
    return true;
  }
}

/**
 * Renders the page's row actions for one entry. (Not NgTemplateOutlet: every framework feature a lazy page uses lands
 * in the initial chunk, and this needs only "one template, one entry".)
 */
@Directive({ selector: 'ng-template[tsEntryActionsOutlet]' })
export class EntryActionsOutlet {
  readonly tsEntryActionsOutlet = input.required<TemplateRef<EntryActionsContext>>();
  readonly tsEntryActionsOutletEntry = input.required<TimesheetEntry>();
  private readonly vcr = inject(ViewContainerRef);

  constructor() {
    effect(() => {
      const context: EntryActionsContext = { $implicit: this.tsEntryActionsOutletEntry() };
      this.vcr.clear();
      this.vcr.createEmbeddedView(this.tsEntryActionsOutlet(), context);
    });
  }
}

/**
 * Timesheet entries as a table (date, project, hours, status, notes with the rejection reason; the owner when asked),
 * the row actions the page projects, and "Load more" for keyset paging. Used wherever entries are listed.
 */
@Component({
  selector: 'ts-entry-table',
  imports: [EntryActionsOutlet, LoadMore, StatusChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="ts-table-scroll">
      <table class="ts-table" [attr.aria-label]="label()">
        <thead>
          <tr>
            @if (showOwner()) {
              <th i18n scope="col">Employee</th>
            }
            <th i18n scope="col">Date</th>
            <th i18n scope="col">Project</th>
            <th i18n scope="col" class="num">Hours</th>
            <th i18n scope="col">Status</th>
            <th i18n scope="col">Notes</th>
            @if (actions()) {
              <th scope="col"><span i18n class="ts-visually-hidden">Actions</span></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (e of entries(); track e.id) {
            <tr [attr.data-entry-id]="e.id">
              @if (showOwner()) {
                <td>{{ owner(e) }}</td>
              }
              <td>{{ date(e.date) }}</td>
              <td>{{ project(e.project) }}</td>
              <td class="num">{{ hours(e.hours) }}</td>
              <td><ts-status-chip [status]="e.status" /></td>
              <td>
                @if (e.status === 'rejected' && e.rejectionReason) {
                  <span i18n class="ts-reason">Rejected: {{ e.rejectionReason }}</span>
                }
                {{ e.notes }}
              </td>
              @if (actions(); as a) {
                <td class="ts-row-actions">
                  <ng-template [tsEntryActionsOutlet]="a.template" [tsEntryActionsOutletEntry]="e" />
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
    <ts-load-more [hasMore]="hasMore()" [loading]="loading()" (more)="more.emit()" />
  `,
})
export class EntryTable {
  readonly entries = input.required<readonly TimesheetEntry[]>();
  /** The table's accessible name. */
  readonly label = input.required<string>();
  readonly showOwner = input(false);
  readonly hasMore = input(false);
  readonly loading = input(false);
  readonly more = output<void>();
  protected readonly actions = contentChild(EntryActions);
  protected readonly owner = ownerLabel;
  protected readonly date = formatDate;
  protected readonly hours = formatHours;
  protected readonly project = projectLabel;
}
