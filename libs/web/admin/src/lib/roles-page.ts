import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { forkJoin } from 'rxjs';
import { PermissionDto, RoleDto, RoleMembersDto, Scopes } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi, apiAction, apiLoader } from '@timesheets/web-data-access';
import { PageState, confirmAction } from '@timesheets/web-ui';

/** The permission matrix: permissions × roles; a checkbox grants or takes a permission from a role. */
export function togglePermission(role: RoleDto, permission: string, on: boolean): string[] {
  const set = new Set(role.permissions);
  if (on) set.add(permission);
  else set.delete(permission);
  return [...set].sort();
}

@Component({
  selector: 'ts-admin-roles',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, PageState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="matrix-heading">
      <h2 i18n id="matrix-heading">Roles and their permissions</h2>
      <ts-page-state
        [loading]="matrix.loading()"
        [errors]="matrix.errors()"
        [empty]="!roles().length"
        emptyText="No roles yet."
        i18n-emptyText
        (retry)="matrix.reload()"
      />
      @if (roles().length) {
        <div class="ts-table-scroll">
          <table class="ts-table ts-matrix">
            <caption i18n class="ts-visually-hidden">
              Permission matrix: one column per role
            </caption>
            <thead>
              <tr>
                <th i18n scope="col">Permission</th>
                @for (r of roles(); track r.id) {
                  <th scope="col">
                    <button
                      type="button"
                      class="ts-link"
                      (click)="showMembers(r)"
                      [attr.aria-label]="membersLabel(r.name)"
                    >
                      {{ r.name }}
                    </button>
                  </th>
                }
              </tr>
            </thead>
            <tbody>
              @for (p of permissions(); track p.id) {
                <tr>
                  <th scope="row">
                    <code>{{ p.name }}</code>
                  </th>
                  @for (r of roles(); track r.id) {
                    <td>
                      <mat-checkbox
                        [checked]="r.permissions.includes(p.name)"
                        [disabled]="!canUpdate() || change.loading()"
                        (change)="toggle(r, p, $event.checked)"
                        [aria-label]="p.name + ' for ' + r.name"
                      />
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>

    @if (membersOf(); as role) {
      <section class="ts-card" aria-labelledby="members-heading" aria-live="polite">
        <h2 i18n id="members-heading">Members of {{ role.name }}</h2>
        <ts-page-state
          [loading]="members.loading()"
          loadingLabel="Loading members…"
          i18n-loadingLabel
          [errors]="members.errors()"
          (retry)="members.reload()"
        />
        @if (members.value(); as m) {
          <h3 i18n>Assigned directly</h3>
          <ul>
            @for (u of m.direct; track u.id) {
              <li>{{ u.name ?? u.email }}</li>
            } @empty {
              <li i18n class="ts-empty">Nobody.</li>
            }
          </ul>
          <h3 i18n>Through groups</h3>
          <ul>
            @for (x of m.viaGroups; track x.user.id) {
              <li>
                {{ x.user.name ?? x.user.email }} <span i18n class="ts-muted">via {{ x.groups.join(', ') }}</span>
              </li>
            } @empty {
              <li i18n class="ts-empty">Nobody.</li>
            }
          </ul>
        }
        @if (canDelete()) {
          <button i18n mat-stroked-button type="button" (click)="remove(role)">Delete role {{ role.name }}</button>
        }
      </section>
    }

    @if (canCreate()) {
      <section class="ts-card" aria-labelledby="new-role-heading">
        <h2 i18n id="new-role-heading">New role</h2>
        <form class="ts-filters" (ngSubmit)="create()">
          <mat-form-field>
            <mat-label i18n>Name</mat-label>
            <input matInput name="name" required [ngModel]="newName()" (ngModelChange)="newName.set($event)" />
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n>Description</mat-label>
            <input
              matInput
              name="description"
              [ngModel]="newDescription()"
              (ngModelChange)="newDescription.set($event)"
            />
          </mat-form-field>
          <button i18n mat-flat-button type="submit" [disabled]="!newName().trim() || change.loading()">
            Create role
          </button>
        </form>
      </section>
    }
  `,
})
export class RolesPage {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly snack = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);

  readonly matrix = apiLoader({
    load: () => forkJoin({ roles: this.api.listRoles(), permissions: this.api.listPermissions() }),
    initial: { roles: [] as RoleDto[], permissions: [] as PermissionDto[] },
  });
  readonly roles = computed(() => this.matrix.value().roles);
  readonly permissions = computed(() => this.matrix.value().permissions);
  readonly membersOf = signal<RoleDto | null>(null);
  readonly members = apiLoader({
    params: () => this.membersOf()?.id,
    load: (id) => this.api.roleMembers(id),
    initial: null as RoleMembersDto | null,
    resetOnChange: true,
  });
  protected readonly change = apiAction({ onError: (m) => this.snack.open(m.join(' '), $localize`Dismiss`) });
  readonly newName = signal('');
  readonly newDescription = signal('');
  private readonly scopes = computed(() => this.auth.grantedScopes());
  readonly canUpdate = computed(() => this.scopes().has(Scopes.UpdateRoles));
  readonly canCreate = computed(() => this.scopes().has(Scopes.CreateRoles));
  readonly canDelete = computed(() => this.scopes().has(Scopes.DeleteRoles));

  private setRoles(fn: (roles: RoleDto[]) => RoleDto[]): void {
    this.matrix.update((m) => ({ ...m, roles: fn(m.roles) }));
  }

  toggle(role: RoleDto, p: PermissionDto, on: boolean): void {
    this.change.run(this.api.setRolePermissions(role.id, togglePermission(role, p.name, on)), (saved) => {
      this.setRoles((list) => list.map((r) => (r.id === saved.id ? saved : r)));
      this.snack.open(
        on ? $localize`${p.name} granted to ${role.name}` : $localize`${p.name} removed from ${role.name}`,
        undefined,
        { duration: 3000 },
      );
    });
  }

  showMembers(r: RoleDto): void {
    this.membersOf.set(r);
  }

  create(): void {
    const name = this.newName().trim();
    if (!name) return;
    this.change.run(this.api.createRole({ name, description: this.newDescription().trim(), permissions: [] }), (r) => {
      this.setRoles((list) => [...list, r]);
      this.newName.set('');
      this.newDescription.set('');
      this.snack.open($localize`Role ${r.name} created`, undefined, { duration: 3000 });
    });
  }

  remove(r: RoleDto): void {
    confirmAction(this.dialog, {
      title: $localize`Delete role ${r.name}?`,
      message: $localize`Everyone holding it loses its permissions at their next request.`,
      confirm: $localize`Delete`,
    }).subscribe((ok) => {
      if (!ok) return;
      this.change.run(this.api.deleteRole(r.id), () => {
        this.setRoles((list) => list.filter((x) => x.id !== r.id));
        this.membersOf.set(null);
        this.snack.open($localize`Role ${r.name} deleted`, undefined, { duration: 3000 });
      });
    });
  }

  protected membersLabel(role: string): string {
    return $localize`Members of ${role}:role:`;
  }
}
