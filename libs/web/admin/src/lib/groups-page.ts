import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Observable, forkJoin, map, of } from 'rxjs';
import { GroupDetailDto, GroupDto, RoleDto, Scopes, UserSummaryDto } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi, apiAction, apiLoader } from '@timesheets/web-data-access';
import { PageState, confirmAction } from '@timesheets/web-ui';
import { Assignable, AssignmentList } from './assignment-list';
import { flattenGroupTree } from './group-tree';

const asAssignable = (u: UserSummaryDto): Assignable => ({ id: u.id, label: u.name ?? u.email ?? u.id });

@Component({
  selector: 'ts-admin-groups',
  imports: [
    AssignmentList,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    PageState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="ts-admin-grid">
      <section class="ts-card" aria-labelledby="groups-heading">
        <h2 i18n id="groups-heading">Groups</h2>
        <ts-page-state
          [loading]="list.loading()"
          [errors]="list.errors()"
          [empty]="!groups().length"
          emptyText="No groups yet."
          i18n-emptyText
          (retry)="list.reload()"
        />
        <!-- A plain list, indented by nesting depth (no ARIA tree: it would promise arrow-key navigation). -->
        <ul class="ts-select-list" aria-label="Groups, nested groups indented" i18n-aria-label>
          @for (n of tree(); track n.group.id) {
            <li [style.padding-left.px]="n.depth * 20">
              <button
                type="button"
                class="ts-select"
                [class.ts-selected]="n.group.id === selected()?.id"
                [attr.aria-pressed]="n.group.id === selected()?.id"
                (click)="open(n.group)"
              >
                <span>
                  {{ n.group.name }}
                  @if (parentName(n.group); as p) {
                    <span i18n class="ts-visually-hidden">, inside {{ p }}</span>
                  }
                </span>
              </button>
            </li>
          }
        </ul>
        @if (canCreate()) {
          <form class="ts-form" (ngSubmit)="create()" aria-label="New group" i18n-aria-label>
            <h3 i18n>New group</h3>
            <mat-form-field>
              <mat-label i18n>Name</mat-label>
              <input matInput name="name" required [ngModel]="newName()" (ngModelChange)="newName.set($event)" />
            </mat-form-field>
            <mat-form-field>
              <mat-label i18n>Inside group</mat-label>
              <mat-select name="parent" [ngModel]="newParent()" (ngModelChange)="newParent.set($event)">
                <mat-option i18n [value]="null">None (top level)</mat-option>
                @for (g of groups(); track g.id) {
                  <mat-option [value]="g.id">{{ g.name }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <button i18n mat-flat-button type="submit" [disabled]="!newName().trim()">Create group</button>
          </form>
        }
      </section>

      <section class="ts-card" aria-labelledby="group-detail-heading" aria-live="polite">
        @if (detail.loading()) {
          <ts-page-state [loading]="true" loadingLabel="Loading group…" i18n-loadingLabel />
        } @else if (selected(); as g) {
          <h2 id="group-detail-heading">{{ g.name }}</h2>
          <p class="ts-muted">{{ g.description }}</p>
          <h3 i18n>Roles</h3>
          <ts-assignment-list
            [assigned]="assignedRoles()"
            [options]="roleOptions()"
            [editable]="canUpdate()"
            emptyText="No roles."
            i18n-emptyText
            addLabel="Add role"
            i18n-addLabel
            [removeLabel]="removeRoleLabel"
            (added)="setRole(g, $event, true)"
            (removed)="setRole(g, $event, false)"
          />
          <h3 i18n>Members (explicit)</h3>
          <ts-assignment-list
            [assigned]="assignedMembers()"
            [options]="userOptions()"
            [editable]="canUpdate()"
            emptyText="No explicit members."
            i18n-emptyText
            addLabel="Add member"
            i18n-addLabel
            [removeLabel]="removeMemberLabel"
            (added)="setMember(g, $event, true)"
            (removed)="setMember(g, $event, false)"
          />
          <h3 i18n>Managers</h3>
          <p i18n class="ts-note">
            They approve the timesheets of this group's members, through nested groups too (never their own).
          </p>
          <ts-assignment-list
            [assigned]="assignedManagers()"
            [options]="userOptions()"
            [editable]="canUpdate()"
            listLabel="Managers"
            i18n-listLabel
            emptyText="No managers: members' timesheets go to the managers of the groups above, if any."
            i18n-emptyText
            addLabel="Add manager"
            i18n-addLabel
            [removeLabel]="removeManagerLabel"
            (added)="setManager(g, $event, true)"
            (removed)="setManager(g, $event, false)"
          />
          <h3 i18n>All members (calculated, including nested groups)</h3>
          <ul>
            @for (m of g.allMembers; track m.user.id) {
              <li>
                {{ m.user.name ?? m.user.email }}
                <span class="ts-muted">{{ m.via.length ? via(m.via) : explicit }}</span>
              </li>
            } @empty {
              <li i18n class="ts-empty">Nobody.</li>
            }
          </ul>
          <h3 i18n>Nested groups</h3>
          <ul>
            @for (c of g.children; track c.id) {
              <li>{{ c.name }}</li>
            } @empty {
              <li i18n class="ts-empty">None.</li>
            }
          </ul>
          @if (canDelete()) {
            <button i18n mat-stroked-button type="button" (click)="remove(g)">Delete group</button>
          }
        } @else {
          <h2 i18n id="group-detail-heading">Group</h2>
          @if (detail.errors().length) {
            <ts-page-state [errors]="detail.errors()" (retry)="detail.reload()" />
          } @else {
            <p i18n class="ts-empty">Choose a group to see its members and roles.</p>
          }
        }
      </section>
    </div>
  `,
})
export class GroupsPage {
  protected readonly explicit = $localize`:a member added to the group itself:explicit`;
  protected via(groups: string[]): string {
    return $localize`via ${groups.join(' → ')}:groups:`;
  }
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly snack = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);

  readonly list = apiLoader({ load: () => this.api.listGroups(), initial: [] as GroupDto[] });
  readonly groups = this.list.value;
  readonly tree = computed(() => flattenGroupTree(this.groups()));
  /** Roles and users to add (each only with the scope to read it; without, the pickers stay hidden). */
  private readonly pickers = apiLoader({
    load: () =>
      forkJoin({
        roles: this.auth.hasScopes(Scopes.ReadRoles) ? this.api.listRoles() : of([] as RoleDto[]),
        users: this.auth.hasScopes(Scopes.ReadUsers)
          ? this.api.listUsers({ limit: 100 }).pipe(map((p) => p.items))
          : of([] as UserSummaryDto[]),
      }),
    initial: { roles: [] as RoleDto[], users: [] as UserSummaryDto[] },
  });
  readonly roleOptions = computed(() => this.pickers.value().roles.map((r) => ({ id: r.id, label: r.name })));
  readonly userOptions = computed(() => this.pickers.value().users.map(asAssignable));
  private readonly selectedId = signal<string | undefined>(undefined);
  readonly detail = apiLoader({
    params: () => this.selectedId(),
    load: (id) => this.api.getGroup(id),
    initial: null as GroupDetailDto | null,
    resetOnChange: true,
  });
  readonly selected = this.detail.value;
  readonly assignedRoles = computed(() => (this.selected()?.roles ?? []).map((r) => ({ id: r.id, label: r.name })));
  readonly assignedMembers = computed(() => (this.selected()?.members ?? []).map(asAssignable));
  readonly assignedManagers = computed(() => (this.selected()?.managers ?? []).map(asAssignable));
  private readonly change = apiAction({ onError: (m) => this.snack.open(m.join(' '), $localize`Dismiss`) });
  readonly newName = signal('');
  readonly newParent = signal<string | null>(null);
  readonly canCreate = computed(() => this.auth.grantedScopes().has(Scopes.CreateGroups));
  readonly canUpdate = computed(() => this.auth.grantedScopes().has(Scopes.UpdateGroups));
  readonly canDelete = computed(() => this.auth.grantedScopes().has(Scopes.DeleteGroups));

  parentName(g: GroupDto): string | null {
    return this.groups().find((x) => x.id === g.parentId)?.name ?? null;
  }

  open(g: GroupDto): void {
    if (this.selectedId() === g.id) this.detail.reload();
    else this.selectedId.set(g.id);
  }

  setRole(g: GroupDetailDto, roleId: string, on: boolean): void {
    this.apply(this.api.setGroupRole(g.id, roleId, on));
  }
  setMember(g: GroupDetailDto, userId: string, on: boolean): void {
    this.apply(this.api.setGroupMember(g.id, userId, on));
  }
  setManager(g: GroupDetailDto, userId: string, on: boolean): void {
    this.apply(this.api.setGroupManager(g.id, userId, on));
  }

  create(): void {
    const name = this.newName().trim();
    if (!name) return;
    this.change.run(this.api.createGroup({ name, parentId: this.newParent() }), (g) => {
      this.list.update((l) => [...l, g]);
      this.newName.set('');
      this.snack.open($localize`Group ${g.name} created`, undefined, { duration: 3000 });
    });
  }

  remove(g: GroupDetailDto): void {
    confirmAction(this.dialog, {
      title: $localize`Delete group ${g.name}?`,
      message: $localize`Its members lose the roles it gave them.`,
      confirm: $localize`Delete`,
    }).subscribe((ok) => {
      if (!ok) return;
      this.change.run(this.api.deleteGroup(g.id), () => {
        this.selectedId.set(undefined);
        this.list.reload();
      });
    });
  }

  private apply(req: Observable<GroupDetailDto>): void {
    this.change.run(req, (d) => {
      this.detail.update(() => d);
      this.snack.open($localize`Saved`, undefined, { duration: 2000 });
    });
  }

  protected readonly removeRoleLabel = (role: string): string => $localize`Remove role ${role}:role:`;
  protected readonly removeMemberLabel = (who: string): string => $localize`Remove ${who}:person:`;
  protected readonly removeManagerLabel = (who: string): string => $localize`Remove manager ${who}:person:`;
}
