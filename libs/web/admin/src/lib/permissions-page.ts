import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PermissionDto, Scopes } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi } from '@timesheets/web-data-access';
import { PageState, confirmAction, describeApiError } from '@timesheets/web-ui';

@Component({
  selector: 'ts-admin-permissions',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, PageState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="perm-heading">
      <h2 id="perm-heading">Permissions</h2>
      <ts-page-state
        [loading]="loading()"
        [errors]="errors()"
        [empty]="!loading() && !errors().length && !items().length"
        emptyText="No permissions."
        (retry)="load()"
      />
      @if (items().length) {
        <table class="ts-table" aria-label="Permissions">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col"><span class="ts-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (p of items(); track p.id) {
              <tr>
                <td>
                  <code>{{ p.name }}</code>
                </td>
                <td>{{ p.description }}</td>
                <td>
                  @if (canDelete()) {
                    <button mat-button type="button" (click)="remove(p)" [attr.aria-label]="'Delete ' + p.name">
                      Delete
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
    @if (canCreate()) {
      <section class="ts-card" aria-labelledby="new-perm-heading">
        <h2 id="new-perm-heading">New permission</h2>
        <form class="ts-filters" (ngSubmit)="create()">
          <mat-form-field>
            <mat-label>Name (action:resource)</mat-label>
            <input matInput name="name" required [ngModel]="name()" (ngModelChange)="name.set($event)" />
          </mat-form-field>
          <mat-form-field>
            <mat-label>Description</mat-label>
            <input matInput name="description" [ngModel]="description()" (ngModelChange)="description.set($event)" />
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="!name().trim()">Create permission</button>
        </form>
      </section>
    }
  `,
})
export class PermissionsPage {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly snack = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);
  readonly items = signal<PermissionDto[]>([]);
  readonly loading = signal(false);
  readonly errors = signal<string[]>([]);
  readonly name = signal('');
  readonly description = signal('');
  readonly canCreate = computed(() => this.auth.grantedScopes().has(Scopes.CreatePermissions));
  readonly canDelete = computed(() => this.auth.grantedScopes().has(Scopes.DeletePermissions));

  constructor() {
    this.load();
  }

  load(): void {
    this.loading.set(true);
    this.errors.set([]);
    this.api
      .listPermissions()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (items) => {
          this.items.set(items);
          this.loading.set(false);
        },
        error: (e: unknown) => {
          this.errors.set(describeApiError(e));
          this.loading.set(false);
        },
      });
  }

  create(): void {
    const name = this.name().trim();
    if (!name) return;
    this.api.createPermission({ name, description: this.description().trim() }).subscribe({
      next: (p) => {
        this.items.update((l) => [...l, p]);
        this.name.set('');
        this.description.set('');
        this.snack.open(`Permission ${p.name} created`, undefined, { duration: 3000 });
      },
      error: (e: unknown) => this.snack.open(describeApiError(e).join(' '), 'Dismiss'),
    });
  }

  remove(p: PermissionDto, cascade = false): void {
    const ask = cascade
      ? {
          title: `${p.name} is in use`,
          message: 'Roles still grant it. Remove it from those roles and delete it?',
          confirm: 'Remove everywhere',
        }
      : {
          title: `Delete ${p.name}?`,
          message: 'Tokens stop carrying it at the next sign-in or renewal.',
          confirm: 'Delete',
        };
    confirmAction(this.dialog, ask).subscribe((ok) => {
      if (!ok) return;
      this.api.deletePermission(p.id, cascade).subscribe({
        next: () => {
          this.items.update((l) => l.filter((x) => x.id !== p.id));
          this.snack.open(`Permission ${p.name} deleted`, undefined, { duration: 3000 });
        },
        error: (e: unknown) => {
          if (!cascade && e instanceof HttpErrorResponse && e.status === 409) this.remove(p, true);
          else this.snack.open(describeApiError(e).join(' '), 'Dismiss');
        },
      });
    });
  }
}
