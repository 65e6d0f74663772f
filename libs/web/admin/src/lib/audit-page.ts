import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ListAuditQuery } from '@timesheets/contracts';
import { AdminApi, apiPager } from '@timesheets/web-data-access';
import { LoadMore, PageState } from '@timesheets/web-ui';

@Component({
  selector: 'ts-admin-audit',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, PageState, LoadMore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <form class="ts-filters" (ngSubmit)="load()" aria-label="Filter the audit log">
        <mat-form-field>
          <mat-label>Action</mat-label>
          <input matInput name="action" [(ngModel)]="filters.action" placeholder="e.g. user.role.added" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Target type</mat-label>
          <input matInput name="targetType" [(ngModel)]="filters.targetType" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Actor id</mat-label>
          <input matInput name="actorId" [(ngModel)]="filters.actorId" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>From</mat-label>
          <input matInput type="date" name="from" [(ngModel)]="filters.from" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>To</mat-label>
          <input matInput type="date" name="to" [(ngModel)]="filters.to" />
        </mat-form-field>
        <button mat-flat-button type="submit">Apply</button>
      </form>
      <ts-page-state
        [loading]="audit.loading() && !audit.items().length"
        [errors]="audit.errors()"
        [empty]="!audit.loading() && !audit.errors().length && !audit.items().length"
        emptyText="No audit entries match."
        (retry)="audit.retry()"
      />
      @if (audit.items().length) {
        <div class="ts-table-scroll">
          <table class="ts-table" aria-label="Audit entries">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              @for (a of audit.items(); track a.id) {
                <tr>
                  <td>{{ a.at }}</td>
                  <td>{{ a.actorName ?? a.actorId ?? 'system' }}</td>
                  <td>
                    <code>{{ a.action }}</code>
                  </td>
                  <td>{{ a.targetType }} {{ a.targetId }}</td>
                  <td>
                    <details>
                      <summary>Before and after</summary>
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
  private readonly api = inject(AdminApi);
  filters: { action: string; targetType: string; actorId: string; from: string; to: string } = {
    action: '',
    targetType: '',
    actorId: '',
    from: '',
    to: '',
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
    return { action: t(f.action), targetType: t(f.targetType), actorId: t(f.actorId), from: t(f.from), to: t(f.to) };
  }

  load(): void {
    this.applied.set(this.query());
  }
}
