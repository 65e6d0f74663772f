import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxChange, MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Observable, forkJoin, of } from 'rxjs';
import { AccessChangeDialog, AccessChangeDialogData } from './access-change-dialog';
import { GroupDto, RoleDto, Scopes, UserDetailDto, UserSummaryDto } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi, apiAction, apiLoader, apiPager } from '@timesheets/web-data-access';
import { LoadMore, PageState, formatRelative } from '@timesheets/web-ui';

/** Users: search, then one user's roles, groups, effective permissions (with where each comes from) and blocking. */
@Component({
  selector: 'ts-admin-users',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, PageState, LoadMore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="ts-admin-grid">
      <section class="ts-card" aria-labelledby="users-heading">
        <h2 i18n id="users-heading">Users</h2>
        <form (ngSubmit)="search()" role="search" class="ts-filters">
          <mat-form-field>
            <mat-label i18n>Search by name or email</mat-label>
            <input matInput name="q" [ngModel]="query()" (ngModelChange)="query.set($event)" />
          </mat-form-field>
          <button i18n mat-flat-button type="submit">Search</button>
        </form>
        <ts-page-state
          [loading]="users.loading() && !users.items().length"
          [errors]="listErrors()"
          [empty]="!users.items().length"
          emptyText="No users found."
          i18n-emptyText
          (retry)="users.retry()"
        />
        <ul class="ts-select-list" aria-label="Users" i18n-aria-label>
          @for (u of users.items(); track u.id) {
            <li>
              <button
                type="button"
                class="ts-select"
                [class.ts-selected]="u.id === selected()?.id"
                [attr.aria-pressed]="u.id === selected()?.id"
                (click)="open(u)"
              >
                <span>{{ u.name ?? u.email ?? u.subject }}</span>
                <span class="ts-muted">{{ u.email }}{{ u.blocked ? ' · blocked' : '' }}</span>
              </button>
            </li>
          }
        </ul>
        <ts-load-more [hasMore]="users.hasMore()" [loading]="users.loading()" (more)="users.more()" />
      </section>

      <section class="ts-card" aria-labelledby="user-detail-heading" aria-live="polite">
        @if (detail.loading()) {
          <ts-page-state [loading]="true" loadingLabel="Loading user…" i18n-loadingLabel />
        } @else if (selected(); as u) {
          <h2 id="user-detail-heading">{{ u.name ?? u.email }}</h2>
          <p i18n class="ts-muted">
            {{ u.email }} · last sign-in {{ u.lastLoginAt ? relative(u.lastLoginAt) : never }}
          </p>
          @if (change.errors().length) {
            <ts-page-state [errors]="change.errors()" [retryable]="false" />
          }
          <p>
            <ng-container i18n>Status:</ng-container>
            <strong>
              @if (u.blocked) {
                <ng-container i18n>Blocked</ng-container>
              } @else {
                <ng-container i18n>Active</ng-container>
              }
            </strong>
            @if (canUpdate()) {
              <button mat-stroked-button type="button" (click)="toggleBlocked(u)" [disabled]="change.loading()">
                @if (u.blocked) {
                  <ng-container i18n>Unblock</ng-container>
                } @else {
                  <ng-container i18n>Block</ng-container>
                }
              </button>
            }
          </p>
          <fieldset class="ts-fieldset">
            <legend i18n>Roles</legend>
            @for (r of roles(); track r.id) {
              <mat-checkbox
                [checked]="hasRole(u, r)"
                [disabled]="!canUpdate() || change.loading()"
                (change)="setRole(u, r, $event)"
              >
                {{ r.name }} <span class="ts-muted">— {{ r.description }}</span>
              </mat-checkbox>
            } @empty {
              <p i18n class="ts-empty">No roles (or no permission to read them).</p>
            }
          </fieldset>
          <fieldset class="ts-fieldset">
            <legend i18n>Groups</legend>
            @for (g of groups(); track g.id) {
              <mat-checkbox
                [checked]="inGroup(u, g)"
                [disabled]="!canUpdate() || change.loading()"
                (change)="setGroup(u, g, $event)"
              >
                {{ g.name }}
              </mat-checkbox>
            } @empty {
              <p i18n class="ts-empty">No groups (or no permission to read them).</p>
            }
          </fieldset>
          <h3 i18n>Approval lines</h3>
          <dl class="ts-dl" data-testid="approval-lines">
            <dt i18n>Manages</dt>
            <dd i18n>
              @for (g of u.manages; track g.id; let last = $last) {
                {{ g.name }}{{ last ? '' : ', ' }}
              } @empty {
                No groups
              }
            </dd>
            <dt i18n>Approved by</dt>
            <dd i18n>
              @for (a of u.approvers; track a.id; let last = $last) {
                {{ a.name ?? a.email }}{{ last ? '' : ', ' }}
              } @empty {
                Nobody
              }
            </dd>
          </dl>
          <table class="ts-table" aria-label="Whose timesheets this user approves" i18n-aria-label>
            <thead>
              <tr>
                <th i18n scope="col">Approves for</th>
                <th i18n scope="col">Through</th>
              </tr>
            </thead>
            <tbody>
              @for (p of u.approvesFor; track p.user.id) {
                <tr>
                  <td>{{ p.user.name ?? p.user.email }}</td>
                  <td>{{ p.via.join(' → ') }}</td>
                </tr>
              } @empty {
                <tr>
                  <td i18n colspan="2" class="ts-empty">Nobody.</td>
                </tr>
              }
            </tbody>
          </table>
          <h3 i18n>Effective permissions</h3>
          <table class="ts-table" aria-label="Effective permissions and their source" i18n-aria-label>
            <thead>
              <tr>
                <th i18n scope="col">Permission</th>
                <th i18n scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              @for (p of u.effectivePermissions; track p.permission) {
                <tr>
                  <td>
                    <code>{{ p.permission }}</code>
                  </td>
                  <td>
                    @for (s of p.sources; track $index) {
                      <div i18n>
                        role {{ s.role }}{{ s.via.length ? ' via group ' + s.via.join(' → ') : ' (direct)' }}
                      </div>
                    }
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td i18n colspan="2" class="ts-empty">No permissions.</td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <h2 i18n id="user-detail-heading">User</h2>
          @if (detail.errors().length) {
            <ts-page-state [errors]="detail.errors()" (retry)="detail.reload()" />
          } @else {
            <p i18n class="ts-empty">Choose a user to see their roles, groups and permissions.</p>
          }
        }
      </section>
    </div>
  `,
})
export class UsersPage {
  protected readonly never = $localize`:last sign-in:never`;
  protected readonly relative = formatRelative;
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly snack = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);

  readonly query = signal('');
  /** A new object per search: the same search again reads again (new users may have signed in). */
  private readonly searched = signal<{ q?: string }>({});
  readonly users = apiPager({
    params: () => this.searched(),
    load: ({ q }, cursor) => this.api.listUsers({ q, limit: 50, cursor }),
  });
  /** Roles and groups to assign (each only with the scope to read it). */
  readonly lists = apiLoader({
    load: () => {
      const orEmpty = <T>(ok: boolean, o: Observable<T[]>) => (ok ? o : of([] as T[]));
      return forkJoin({
        roles: orEmpty(this.auth.hasScopes(Scopes.ReadRoles), this.api.listRoles()),
        groups: orEmpty(this.auth.hasScopes(Scopes.ReadGroups), this.api.listGroups()),
      });
    },
    initial: { roles: [] as RoleDto[], groups: [] as GroupDto[] },
  });
  readonly roles = computed(() => this.lists.value().roles);
  readonly groups = computed(() => this.lists.value().groups);
  protected readonly listErrors = computed(() => [...this.users.errors(), ...this.lists.errors()]);
  private readonly selectedId = signal<string | undefined>(undefined);
  readonly detail = apiLoader({
    params: () => this.selectedId(),
    load: (id) => this.api.getUser(id),
    initial: null as UserDetailDto | null,
    resetOnChange: true,
  });
  readonly selected = this.detail.value;
  protected readonly change = apiAction();
  readonly canUpdate = computed(() => {
    this.auth.grantedScopes();
    return this.auth.hasScopes(Scopes.UpdateUsers);
  });

  search(): void {
    this.searched.set({ q: this.query().trim() || undefined });
  }

  open(u: UserSummaryDto): void {
    if (this.selectedId() === u.id) this.detail.reload();
    else this.selectedId.set(u.id);
  }

  hasRole(u: UserDetailDto, r: RoleDto): boolean {
    return u.roles.some((x) => x.id === r.id);
  }
  inGroup(u: UserDetailDto, g: GroupDto): boolean {
    return u.groups.some((x) => x.id === g.id);
  }

  setRole(u: UserDetailDto, r: RoleDto, ev: MatCheckboxChange): void {
    const on = ev.checked;
    const roleIds = u.roles.map((x) => x.id).filter((id) => id !== r.id);
    this.confirmed(
      u,
      { roleIds: on ? [...roleIds, r.id] : roleIds, groupIds: u.groups.map((g) => g.id) },
      on ? $localize`Give the role ${r.name}:role:` : $localize`Remove the role ${r.name}:role:`,
      ev,
      () =>
        this.apply(
          this.api.setUserRole(u.id, r.id, on),
          on ? $localize`Role ${r.name} granted` : $localize`Role ${r.name} removed`,
        ),
    );
  }
  setGroup(u: UserDetailDto, g: GroupDto, ev: MatCheckboxChange): void {
    const on = ev.checked;
    const groupIds = u.groups.map((x) => x.id).filter((id) => id !== g.id);
    this.confirmed(
      u,
      { roleIds: u.roles.map((x) => x.id), groupIds: on ? [...groupIds, g.id] : groupIds },
      on ? $localize`Add to the group ${g.name}:group:` : $localize`Remove from the group ${g.name}:group:`,
      ev,
      () =>
        this.apply(
          this.api.setUserGroup(u.id, g.id, on),
          on ? $localize`Added to ${g.name}` : $localize`Removed from ${g.name}`,
        ),
    );
  }

  /**
   * Asks the API what the user's access would be after the change and shows it (with a warning when that is nothing,
   * or less than their groups give) before anything is saved; the checkbox goes back unless the admin applies it.
   */
  private confirmed(
    u: UserDetailDto,
    proposed: { roleIds: string[]; groupIds: string[] },
    change: string,
    ev: MatCheckboxChange,
    save: () => void,
  ): void {
    const undoClick = () => (ev.source.checked = !ev.checked);
    this.change.run(
      this.api.previewUserAccess(u.id, proposed),
      (preview) => {
        const data: AccessChangeDialogData = { user: u.name ?? u.email ?? $localize`This user`, change, preview };
        this.dialog
          .open<AccessChangeDialog, AccessChangeDialogData, boolean>(AccessChangeDialog, {
            data,
            width: '560px',
            maxWidth: '95vw',
          })
          .afterClosed()
          .subscribe((apply) => (apply ? save() : undoClick()));
      },
      undoClick,
    );
  }

  toggleBlocked(u: UserDetailDto): void {
    this.apply(this.api.setBlocked(u.id, !u.blocked), u.blocked ? $localize`User unblocked` : $localize`User blocked`);
  }

  private apply(req: Observable<UserDetailDto>, message: string): void {
    this.change.run(
      req,
      (d) => {
        this.detail.update(() => d);
        this.users.update((list) => list.map((x) => (x.id === d.id ? { ...x, blocked: d.blocked } : x)));
        this.snack.open(message, undefined, { duration: 3000 });
      },
      // Re-render the last known state, so the checkbox the user clicked goes back.
      () => this.detail.update((cur) => (cur ? { ...cur } : cur)),
    );
  }
}
