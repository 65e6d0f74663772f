import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Observable, forkJoin, of } from 'rxjs';
import { GroupDto, RoleDto, Scopes, UserDetailDto, UserSummaryDto } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi } from '@timesheets/web-data-access';
import { PageState, describeApiError } from '@timesheets/web-ui';

/** Users: search, then one user's roles, groups, effective permissions (with where each comes from) and blocking. */
@Component({
  selector: 'ts-admin-users',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, PageState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="ts-admin-grid">
      <section class="ts-card" aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        <form (ngSubmit)="search()" role="search" class="ts-filters">
          <mat-form-field>
            <mat-label>Search by name or email</mat-label>
            <input matInput name="q" [ngModel]="query()" (ngModelChange)="query.set($event)" />
          </mat-form-field>
          <button mat-flat-button type="submit">Search</button>
        </form>
        <ts-page-state
          [loading]="loading() && !users().length"
          [errors]="errors()"
          [empty]="!loading() && !errors().length && !users().length"
          emptyText="No users found."
          (retry)="search()"
        />
        <ul class="ts-select-list" aria-label="Users">
          @for (u of users(); track u.id) {
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
        @if (nextCursor()) {
          <button mat-stroked-button type="button" (click)="search(true)">Load more</button>
        }
      </section>

      <section class="ts-card" aria-labelledby="user-detail-heading" aria-live="polite">
        @if (detailLoading()) {
          <ts-page-state [loading]="true" loadingLabel="Loading user…" />
        } @else if (selected(); as u) {
          <h2 id="user-detail-heading">{{ u.name ?? u.email }}</h2>
          <p class="ts-muted">{{ u.email }} · last sign-in {{ u.lastLoginAt ?? 'never' }}</p>
          @if (detailErrors().length) {
            <ts-page-state [errors]="detailErrors()" [retryable]="false" />
          }
          <p>
            Status: <strong>{{ u.blocked ? 'Blocked' : 'Active' }}</strong>
            @if (canUpdate()) {
              <button mat-stroked-button type="button" (click)="toggleBlocked(u)" [disabled]="saving()">
                {{ u.blocked ? 'Unblock' : 'Block' }}
              </button>
            }
          </p>
          <fieldset class="ts-fieldset">
            <legend>Roles</legend>
            @for (r of roles(); track r.id) {
              <mat-checkbox
                [checked]="hasRole(u, r)"
                [disabled]="!canUpdate() || saving()"
                (change)="setRole(u, r, $event.checked)"
              >
                {{ r.name }} <span class="ts-muted">— {{ r.description }}</span>
              </mat-checkbox>
            } @empty {
              <p class="ts-empty">No roles (or no permission to read them).</p>
            }
          </fieldset>
          <fieldset class="ts-fieldset">
            <legend>Groups</legend>
            @for (g of groups(); track g.id) {
              <mat-checkbox
                [checked]="inGroup(u, g)"
                [disabled]="!canUpdate() || saving()"
                (change)="setGroup(u, g, $event.checked)"
              >
                {{ g.name }}
              </mat-checkbox>
            } @empty {
              <p class="ts-empty">No groups (or no permission to read them).</p>
            }
          </fieldset>
          <h3>Effective permissions</h3>
          <table class="ts-table" aria-label="Effective permissions and their source">
            <thead>
              <tr>
                <th scope="col">Permission</th>
                <th scope="col">Source</th>
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
                      <div>role {{ s.role }}{{ s.via.length ? ' via group ' + s.via.join(' → ') : ' (direct)' }}</div>
                    }
                  </td>
                </tr>
              } @empty {
                <tr>
                  <td colspan="2" class="ts-empty">No permissions.</td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <h2 id="user-detail-heading">User</h2>
          <p class="ts-empty">Choose a user to see their roles, groups and permissions.</p>
        }
      </section>
    </div>
  `,
})
export class UsersPage {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly snack = inject(MatSnackBar);
  private readonly destroyRef = inject(DestroyRef);

  readonly query = signal('');
  readonly users = signal<UserSummaryDto[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly errors = signal<string[]>([]);
  readonly roles = signal<RoleDto[]>([]);
  readonly groups = signal<GroupDto[]>([]);
  readonly selected = signal<UserDetailDto | null>(null);
  readonly detailLoading = signal(false);
  readonly detailErrors = signal<string[]>([]);
  readonly saving = signal(false);
  readonly canUpdate = computed(() => {
    this.auth.grantedScopes();
    return this.auth.hasScopes(Scopes.UpdateUsers);
  });

  constructor() {
    this.search();
    const orEmpty = <T>(ok: boolean, o: Observable<T[]>) => (ok ? o : of([] as T[]));
    forkJoin([
      orEmpty(this.auth.hasScopes(Scopes.ReadRoles), this.api.listRoles()),
      orEmpty(this.auth.hasScopes(Scopes.ReadGroups), this.api.listGroups()),
    ])
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ([roles, groups]) => {
          this.roles.set(roles);
          this.groups.set(groups);
        },
        error: (e: unknown) => this.errors.set(describeApiError(e)),
      });
  }

  search(append = false): void {
    this.loading.set(true);
    this.errors.set([]);
    this.api
      .listUsers({
        q: this.query().trim() || undefined,
        limit: 50,
        cursor: append ? (this.nextCursor() ?? undefined) : undefined,
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.users.update((cur) => (append ? [...cur, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.loading.set(false);
        },
        error: (e: unknown) => {
          this.errors.set(describeApiError(e));
          this.loading.set(false);
        },
      });
  }

  open(u: UserSummaryDto): void {
    this.detailLoading.set(true);
    this.detailErrors.set([]);
    this.api.getUser(u.id).subscribe({
      next: (d) => {
        this.selected.set(d);
        this.detailLoading.set(false);
      },
      error: (e: unknown) => {
        this.detailErrors.set(describeApiError(e));
        this.detailLoading.set(false);
      },
    });
  }

  hasRole(u: UserDetailDto, r: RoleDto): boolean {
    return u.roles.some((x) => x.id === r.id);
  }
  inGroup(u: UserDetailDto, g: GroupDto): boolean {
    return u.groups.some((x) => x.id === g.id);
  }

  setRole(u: UserDetailDto, r: RoleDto, on: boolean): void {
    this.apply(this.api.setUserRole(u.id, r.id, on), on ? `Role ${r.name} granted` : `Role ${r.name} removed`);
  }
  setGroup(u: UserDetailDto, g: GroupDto, on: boolean): void {
    this.apply(this.api.setUserGroup(u.id, g.id, on), on ? `Added to ${g.name}` : `Removed from ${g.name}`);
  }
  toggleBlocked(u: UserDetailDto): void {
    this.apply(this.api.setBlocked(u.id, !u.blocked), u.blocked ? 'User unblocked' : 'User blocked');
  }

  private apply(req: Observable<UserDetailDto>, message: string): void {
    this.saving.set(true);
    this.detailErrors.set([]);
    req.subscribe({
      next: (d) => {
        this.selected.set(d);
        this.users.update((list) => list.map((x) => (x.id === d.id ? { ...x, blocked: d.blocked } : x)));
        this.saving.set(false);
        this.snack.open(message, undefined, { duration: 3000 });
      },
      error: (e: unknown) => {
        this.saving.set(false);
        this.detailErrors.set(describeApiError(e));
        // Re-read so the checkboxes show the server's state, not the failed click.
        const cur = this.selected();
        if (cur) this.selected.set({ ...cur });
      },
    });
  }
}
