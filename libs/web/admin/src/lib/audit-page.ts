import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AuditEntryDto, ListAuditQuery } from '@timesheets/contracts';
import { AdminApi } from '@timesheets/web-data-access';
import { PageState, describeApiError } from '@timesheets/web-ui';

@Component({
  selector: 'ts-admin-audit',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, PageState],
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
        [loading]="loading() && !items().length"
        [errors]="errors()"
        [empty]="!loading() && !errors().length && !items().length"
        emptyText="No audit entries match."
        (retry)="load()"
      />
      @if (items().length) {
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
              @for (a of items(); track a.id) {
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
        @if (nextCursor()) {
          <button mat-stroked-button type="button" (click)="load(true)" [disabled]="loading()">Load more</button>
        }
      }
    </section>
  `,
})
export class AuditPage {
  private readonly api = inject(AdminApi);
  private readonly destroyRef = inject(DestroyRef);
  filters: { action: string; targetType: string; actorId: string; from: string; to: string } = {
    action: '',
    targetType: '',
    actorId: '',
    from: '',
    to: '',
  };
  readonly items = signal<AuditEntryDto[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly errors = signal<string[]>([]);

  constructor() {
    this.load();
  }

  // Not JsonPipe: no other template uses a pipe, so Angular's pipe runtime stays out of the shared (initial) chunk.
  protected json(value: unknown): string {
    return JSON.stringify(value, null, 2);
  }

  query(append: boolean): ListAuditQuery {
    const f = this.filters;
    const t = (s: string) => s.trim() || undefined;
    return {
      action: t(f.action),
      targetType: t(f.targetType),
      actorId: t(f.actorId),
      from: t(f.from),
      to: t(f.to),
      limit: 50,
      cursor: append ? (this.nextCursor() ?? undefined) : undefined,
    };
  }

  load(append = false): void {
    this.loading.set(true);
    this.errors.set([]);
    this.api
      .listAudit(this.query(append))
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (p) => {
          this.items.update((cur) => (append ? [...cur, ...p.items] : p.items));
          this.nextCursor.set(p.nextCursor);
          this.loading.set(false);
        },
        error: (e: unknown) => {
          this.errors.set(describeApiError(e));
          this.loading.set(false);
        },
      });
  }
}
