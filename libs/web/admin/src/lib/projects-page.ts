import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { of } from 'rxjs';
import {
  CustomerDto,
  GroupDto,
  ProjectDto,
  Scopes,
  TimesheetLimits as L,
  TimesheetMessages,
  hasTrimmedLength,
} from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi, apiAction, apiLoader, apiPager } from '@timesheets/web-data-access';
import { LoadMore, PageState } from '@timesheets/web-ui';
import { ProjectDialog, ProjectDialogData } from './project-dialog';

/** Customers and projects: create, rename, archive and restore; a project's code, billable flag and allowed groups. */
@Component({
  selector: 'ts-admin-projects',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, PageState, LoadMore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="projects-heading">
      <div class="ts-toolbar">
        <h2 i18n id="projects-heading">Projects</h2>
        <button i18n mat-flat-button type="button" (click)="edit()">New project</button>
      </div>
      <form class="ts-filters" (ngSubmit)="search()" role="search" aria-label="Find projects" i18n-aria-label>
        <mat-form-field>
          <mat-label i18n>Code or name</mat-label>
          <input matInput name="q" [ngModel]="q()" (ngModelChange)="q.set($event)" />
        </mat-form-field>
        <mat-checkbox i18n name="archived" [ngModel]="archived()" (ngModelChange)="archived.set($event)">
          Archived projects
        </mat-checkbox>
        <button i18n mat-stroked-button type="submit">Search</button>
      </form>
      <ts-page-state
        [loading]="projects.loading() && !projects.items().length"
        loadingLabel="Loading projects…"
        i18n-loadingLabel
        [errors]="projects.errors()"
        [empty]="!projects.items().length"
        emptyText="No projects match."
        i18n-emptyText
        (retry)="projects.retry()"
      />
      @if (projects.items().length) {
        <div class="ts-table-scroll">
          <table class="ts-table" aria-label="Projects" i18n-aria-label>
            <thead>
              <tr>
                <th i18n scope="col">Code</th>
                <th i18n scope="col">Name</th>
                <th i18n scope="col">Customer</th>
                <th i18n scope="col">Billable</th>
                <th i18n scope="col">Who may book</th>
                <th scope="col"><span i18n class="ts-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (p of projects.items(); track p.id) {
                <tr [attr.data-project]="p.code">
                  <th scope="row">{{ p.code }}</th>
                  <td>
                    {{ p.name }}
                    @if (p.archived) {
                      <span i18n class="ts-muted">(archived)</span>
                    }
                  </td>
                  <td>{{ p.customer?.name ?? internal }}</td>
                  <td>{{ p.billable ? yes : no }}</td>
                  <td>{{ groupNames(p) }}</td>
                  <td class="ts-row-actions">
                    <button i18n mat-button type="button" (click)="edit(p)" [attr.aria-label]="editLabel(p.code)">
                      Edit
                    </button>
                    <button
                      mat-button
                      type="button"
                      (click)="setProjectArchived(p, !p.archived)"
                      [disabled]="change.loading()"
                      [attr.aria-label]="(p.archived ? restoreLabel : archiveLabel) + ' ' + p.code"
                    >
                      {{ p.archived ? restoreLabel : archiveLabel }}
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <ts-load-more [hasMore]="projects.hasMore()" [loading]="projects.loading()" (more)="projects.more()" />
      }
    </section>

    <section class="ts-card" aria-labelledby="customers-heading">
      <h2 i18n id="customers-heading">Customers</h2>
      <form class="ts-filters" (ngSubmit)="addCustomer()" aria-label="New customer" i18n-aria-label>
        <mat-form-field>
          <mat-label i18n>New customer</mat-label>
          <input
            matInput
            name="customer"
            [ngModel]="newCustomer()"
            (ngModelChange)="newCustomer.set($event)"
            [attr.maxlength]="limits.customerNameMax"
          />
        </mat-form-field>
        <button i18n mat-stroked-button type="submit" [disabled]="change.loading()">Add customer</button>
      </form>
      @if (customerError(); as e) {
        <p class="ts-error" role="alert">{{ e }}</p>
      }
      <mat-checkbox i18n [checked]="showArchived()" (change)="showArchived.set($event.checked)">
        Show archived customers
      </mat-checkbox>
      <ts-page-state
        [loading]="customers.loading()"
        loadingLabel="Loading customers…"
        i18n-loadingLabel
        [errors]="customers.errors()"
        [empty]="!customers.value().length"
        emptyText="No customers yet."
        i18n-emptyText
        (retry)="customers.reload()"
      />
      @if (customers.value().length) {
        <table class="ts-table" aria-label="Customers" i18n-aria-label>
          <thead>
            <tr>
              <th i18n scope="col">Name</th>
              <th scope="col"><span i18n class="ts-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (c of customers.value(); track c.id) {
              <tr>
                <td>
                  @if (renaming() === c.id) {
                    <form class="ts-filters" (ngSubmit)="rename(c)" [attr.aria-label]="renameLabel(c.name)">
                      <mat-form-field>
                        <mat-label i18n>Name</mat-label>
                        <input
                          matInput
                          name="rename"
                          [ngModel]="renameTo()"
                          (ngModelChange)="renameTo.set($event)"
                          [attr.maxlength]="limits.customerNameMax"
                        />
                      </mat-form-field>
                      <button i18n mat-stroked-button type="submit">Save</button>
                      <button i18n mat-button type="button" (click)="renaming.set(null)">Cancel</button>
                    </form>
                  } @else {
                    {{ c.name }}
                    @if (c.archived) {
                      <span i18n class="ts-muted">(archived)</span>
                    }
                  }
                </td>
                <td class="ts-row-actions">
                  @if (renaming() !== c.id) {
                    <button
                      i18n
                      mat-button
                      type="button"
                      (click)="startRename(c)"
                      [attr.aria-label]="renameLabel(c.name)"
                    >
                      Rename
                    </button>
                  }
                  <button
                    mat-button
                    type="button"
                    (click)="setCustomerArchived(c, !c.archived)"
                    [disabled]="change.loading()"
                    [attr.aria-label]="(c.archived ? restoreLabel : archiveLabel) + ' ' + c.name"
                  >
                    {{ c.archived ? restoreLabel : archiveLabel }}
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      }
    </section>
  `,
})
export class ProjectsPage {
  protected readonly internal = $localize`:a project without customer:Internal`;
  protected readonly yes = $localize`Yes`;
  protected readonly no = $localize`No`;
  protected readonly restoreLabel = $localize`Restore`;
  protected readonly archiveLabel = $localize`Archive`;
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  protected readonly limits = L;

  readonly q = signal('');
  readonly archived = signal(false);
  private readonly searched = signal<{ q?: string; archived: boolean }>({ archived: false });
  readonly projects = apiPager({
    params: () => this.searched(),
    load: (s, cursor) => this.api.listProjects({ ...s, limit: 50, cursor }),
  });
  readonly showArchived = signal(false);
  readonly customers = apiLoader({
    params: () => this.showArchived(),
    load: (includeArchived) => this.api.listCustomers({ includeArchived }),
    initial: [] as CustomerDto[],
  });
  /** Groups to limit projects to (only with read:groups). */
  private readonly groups = apiLoader({
    load: () => (this.auth.hasScopes(Scopes.ReadGroups) ? this.api.listGroups() : of([] as GroupDto[])),
    initial: [] as GroupDto[],
  });
  readonly change = apiAction({ onError: (m) => this.snack.open(m.join(' '), $localize`Dismiss`) });
  readonly newCustomer = signal('');
  readonly customerError = signal<string | null>(null);
  readonly renaming = signal<string | null>(null);
  readonly renameTo = signal('');

  protected groupNames(p: ProjectDto): string {
    return p.allowedGroups.length ? p.allowedGroups.map((g) => g.name).join(', ') : 'Everyone';
  }

  search(): void {
    this.searched.set({ q: this.q().trim() || undefined, archived: this.archived() });
  }

  edit(project?: ProjectDto): void {
    const data: ProjectDialogData = { project, customers: this.customers.value(), groups: this.groups.value() };
    this.dialog
      .open<ProjectDialog, ProjectDialogData, ProjectDto>(ProjectDialog, { data, width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.snack.open(
          project ? $localize`Project ${saved.code} saved` : $localize`Project ${saved.code} created`,
          undefined,
          {
            duration: 3000,
          },
        );
        if (project) this.projects.update((list) => list.map((p) => (p.id === saved.id ? saved : p)));
        else this.projects.reload();
      });
  }

  setProjectArchived(p: ProjectDto, archived: boolean): void {
    this.change.run(this.api.updateProject(p.id, { archived }), (saved) => {
      // It leaves this list (archived projects are listed apart).
      this.projects.update((list) => list.filter((x) => x.id !== saved.id));
      this.snack.open(
        archived ? $localize`Project ${p.code} archived` : $localize`Project ${p.code} restored`,
        undefined,
        {
          duration: 3000,
        },
      );
    });
  }

  addCustomer(): void {
    const name = this.newCustomer().trim();
    if (!hasTrimmedLength(name, L.customerNameMin, L.customerNameMax))
      return this.customerError.set(TimesheetMessages.customerName);
    this.customerError.set(null);
    this.change.run(this.api.createCustomer({ name }), (c) => {
      this.customers.update((list) => [...list, c].sort((a, b) => a.name.localeCompare(b.name)));
      this.newCustomer.set('');
      this.snack.open($localize`Customer ${c.name} added`, undefined, { duration: 3000 });
    });
  }

  startRename(c: CustomerDto): void {
    this.renameTo.set(c.name);
    this.renaming.set(c.id);
  }

  rename(c: CustomerDto): void {
    const name = this.renameTo().trim();
    if (!hasTrimmedLength(name, L.customerNameMin, L.customerNameMax))
      return this.customerError.set(TimesheetMessages.customerName);
    this.customerError.set(null);
    this.change.run(this.api.updateCustomer(c.id, { name }), (saved) =>
      this.replaceCustomer(saved, $localize`Customer ${c.name} renamed to ${saved.name}`),
    );
  }

  setCustomerArchived(c: CustomerDto, archived: boolean): void {
    this.change.run(this.api.updateCustomer(c.id, { archived }), (saved) =>
      this.replaceCustomer(
        saved,
        archived ? $localize`Customer ${saved.name} archived` : $localize`Customer ${saved.name} restored`,
      ),
    );
  }

  private replaceCustomer(saved: CustomerDto, message: string): void {
    this.customers.update((list) =>
      list.map((x) => (x.id === saved.id ? saved : x)).filter((x) => this.showArchived() || !x.archived),
    );
    this.renaming.set(null);
    this.snack.open(message, undefined, { duration: 3000 });
  }

  protected editLabel(code: string): string {
    return $localize`Edit ${code}:code:`;
  }

  protected renameLabel(name: string): string {
    return $localize`Rename ${name}:name:`;
  }
}
