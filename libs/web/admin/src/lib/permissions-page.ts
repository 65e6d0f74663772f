import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { PermissionDto, Scopes } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi, apiAction, apiLoader, describeApiError } from '@timesheets/web-data-access';
import { PageState, confirmAction } from '@timesheets/web-ui';

@Component({
  selector: 'ts-admin-permissions',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, PageState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="perm-heading">
      <h2 i18n id="perm-heading">Permissions</h2>
      <ts-page-state
        [loading]="permissions.loading()"
        [errors]="permissions.errors()"
        [empty]="!permissions.value().length"
        emptyText="No permissions."
        i18n-emptyText
        (retry)="permissions.reload()"
      />
      @if (permissions.value().length) {
        <table class="ts-table" aria-label="Permissions" i18n-aria-label>
          <thead>
            <tr>
              <th i18n scope="col">Name</th>
              <th i18n scope="col">Description</th>
              <th scope="col"><span i18n class="ts-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (p of permissions.value(); track p.id) {
              <tr>
                <td>
                  <code>{{ p.name }}</code>
                </td>
                <td>{{ p.description }}</td>
                <td>
                  @if (canDelete()) {
                    <button i18n mat-button type="button" (click)="remove(p)" [attr.aria-label]="deleteLabel(p.name)">
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
        <h2 i18n id="new-perm-heading">New permission</h2>
        <form class="ts-filters" (ngSubmit)="create()">
          <mat-form-field>
            <mat-label i18n>Name (action:resource)</mat-label>
            <input matInput name="name" required [ngModel]="name()" (ngModelChange)="name.set($event)" />
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n>Description</mat-label>
            <input matInput name="description" [ngModel]="description()" (ngModelChange)="description.set($event)" />
          </mat-form-field>
          <button i18n mat-flat-button type="submit" [disabled]="!name().trim()">Create permission</button>
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
  readonly permissions = apiLoader({ load: () => this.api.listPermissions(), initial: [] as PermissionDto[] });
  private readonly change = apiAction({ onError: (m) => this.snack.open(m.join(' '), $localize`Dismiss`) });
  readonly name = signal('');
  readonly description = signal('');
  readonly canCreate = computed(() => this.auth.grantedScopes().has(Scopes.CreatePermissions));
  readonly canDelete = computed(() => this.auth.grantedScopes().has(Scopes.DeletePermissions));

  create(): void {
    const name = this.name().trim();
    if (!name) return;
    this.change.run(this.api.createPermission({ name, description: this.description().trim() }), (p) => {
      this.permissions.update((l) => [...l, p]);
      this.name.set('');
      this.description.set('');
      this.snack.open($localize`Permission ${p.name} created`, undefined, { duration: 3000 });
    });
  }

  remove(p: PermissionDto, cascade = false): void {
    const ask = cascade
      ? {
          title: `${p.name} is in use`,
          message: $localize`Roles still grant it. Remove it from those roles and delete it?`,
          confirm: $localize`Remove everywhere`,
        }
      : {
          title: $localize`Delete ${p.name}?`,
          message: $localize`Tokens stop carrying it at the next sign-in or renewal.`,
          confirm: $localize`Delete`,
        };
    confirmAction(this.dialog, ask).subscribe((ok) => {
      if (!ok) return;
      // A 409 (roles still grant it) asks again, offering to remove it everywhere; other errors are shown.
      this.api.deletePermission(p.id, cascade).subscribe({
        next: () => {
          this.permissions.update((l) => l.filter((x) => x.id !== p.id));
          this.snack.open($localize`Permission ${p.name} deleted`, undefined, { duration: 3000 });
        },
        error: (e: unknown) => {
          if (!cascade && e instanceof HttpErrorResponse && e.status === 409) this.remove(p, true);
          else this.snack.open(describeApiError(e).join(' '), $localize`Dismiss`);
        },
      });
    });
  }

  protected deleteLabel(name: string): string {
    return $localize`Delete ${name}:name:`;
  }
}
