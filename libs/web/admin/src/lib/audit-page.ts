import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ListAuditQuery } from '@timesheets/contracts';
import { AdminApi, apiPager } from '@timesheets/web-data-access';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { LoadMore, PageState, datePattern, formatFullDateTime, formatRelative, isoDate } from '@timesheets/web-ui';

@Component({
  selector: 'ts-admin-audit',
  imports: [FormsModule, MatButtonModule, MatDatepickerModule, MatFormFieldModule, MatInputModule, PageState, LoadMore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="audit-heading">
      <h2 i18n id="audit-heading">Audit log</h2>
      <form class="ts-filters" (ngSubmit)="load()" aria-label="Filter the audit log" i18n-aria-label>
        <mat-form-field>
          <mat-label i18n>Action</mat-label>
          <input
            matInput
            name="action"
            [(ngModel)]="filters.action"
            placeholder="e.g. user.role.added"
            i18n-placeholder
          />
        </mat-form-field>
        <mat-form-field>
          <mat-label i18n>Target type</mat-label>
          <input matInput name="targetType" [(ngModel)]="filters.targetType" />
        </mat-form-field>
        <mat-form-field>
          <mat-label i18n>Actor id</mat-label>
          <input matInput name="actorId" [(ngModel)]="filters.actorId" />
        </mat-form-field>
        <mat-form-field>
          <mat-label i18n>From</mat-label>
          <input matInput [matDatepicker]="fromPicker" name="from" [(ngModel)]="filters.from" />
          <mat-hint>{{ datePattern }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="fromPicker" />
          <mat-datepicker #fromPicker />
        </mat-form-field>
        <mat-form-field>
          <mat-label i18n>To</mat-label>
          <input matInput [matDatepicker]="toPicker" name="to" [(ngModel)]="filters.to" />
          <mat-hint>{{ datePattern }}</mat-hint>
          <mat-datepicker-toggle matIconSuffix [for]="toPicker" />
          <mat-datepicker #toPicker />
        </mat-form-field>
        <button i18n mat-flat-button type="submit">Apply</button>
      </form>
      <ts-page-state
        [loading]="audit.loading() && !audit.items().length"
        [errors]="audit.errors()"
        [empty]="!audit.items().length"
        emptyText="No audit entries match."
        i18n-emptyText
        (retry)="audit.retry()"
      />
      @if (audit.items().length) {
        <div class="ts-table-scroll">
          <table class="ts-table" aria-label="Audit entries" i18n-aria-label>
            <thead>
              <tr>
                <th i18n scope="col">When</th>
                <th i18n scope="col">Who</th>
                <th i18n scope="col">Action</th>
                <th i18n scope="col">Target</th>
                <th i18n scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              @for (a of audit.items(); track a.id) {
                <tr>
                  <td>
                    <time [attr.datetime]="a.at" [title]="fullDateTime(a.at)">{{ relative(a.at) }}</time>
                  </td>
                  <td>{{ a.actorName ?? a.actorId ?? system }}</td>
                  <td>
                    <code>{{ a.action }}</code>
                  </td>
                  <td>{{ a.targetType }} {{ a.targetId }}</td>
                  <td>
                    <details>
                      <summary i18n>Before and after</summary>
                      <pre>{{ json(a.before) }}</pre>
                      <pre>{{ json(a.after) }}</pre>
                    </details>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <ts-load-more [hasMore]="audit.hasMore()" [loading]="audit.loading()" (more)="audit.more()" />
      }
    </section>
  `,
})
export class AuditPage {
  protected readonly system = $localize`:the actor of a change made by the system:system`;
  private readonly api = inject(AdminApi);
  protected readonly relative = formatRelative;
  protected readonly fullDateTime = formatFullDateTime;
  protected readonly datePattern = datePattern();
  filters: { action: string; targetType: string; actorId: string; from: Date | null; to: Date | null } = {
    action: '',
    targetType: '',
    actorId: '',
    from: null,
    to: null,
  };
  /** The filters applied (the form's, when "Apply" was pressed). */
  private readonly applied = signal(this.query());
  readonly audit = apiPager({
    params: () => this.applied(),
    load: (q, cursor) => this.api.listAudit({ ...q, limit: 50, cursor }),
  });

  // Not JsonPipe: no other template uses a pipe, so Angular's pipe runtime stays out of the shared (initial) chunk.
  protected json(value: unknown): string {
    return JSON.stringify(value, null, 2);
  }

  query(): Omit<ListAuditQuery, 'limit' | 'cursor'> {
    const f = this.filters;
    const t = (s: string) => s.trim() || undefined;
    const day = (d: Date | null) => isoDate(d) || undefined;
    return {
      action: t(f.action),
      targetType: t(f.targetType),
      actorId: t(f.actorId),
      from: day(f.from),
      to: day(f.to),
    };
  }

  load(): void {
    this.applied.set(this.query());
  }
}
