import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  hasTrimmedLength,
  IMPORTED_ENTRY_STATUSES,
  ImportLimits,
  MACHINE_SCOPE_DESCRIPTIONS,
  MACHINE_SCOPES,
  MachineClientLimits,
  type ImportedEntryStatus,
  type IssuedClientSecretDto,
  type MachineClientDto,
  type MachineScope,
} from '@timesheets/contracts';
import { AdminApi, apiAction, apiLoader } from '@timesheets/web-data-access';
import { PageState, confirmAction, formatDateTime, formatNumber } from '@timesheets/web-ui';

/** What imported entries become, in words. */
export const IMPORT_STATUS_LABELS: Readonly<Record<ImportedEntryStatus, string>> = {
  draft: $localize`Drafts (each person submits them)`,
  pending: $localize`Submitted for approval`,
};

export const CLIENT_NAME_MESSAGE = $localize`A name of 1 to ${MachineClientLimits.nameMax}:max: characters is required.`;
export const CLIENT_SCOPES_MESSAGE = $localize`Choose at least one scope.`;

/** What a machine scope lets a client do, in the SPA's language (the contract's English for one it does not know). */
export function machineScopeDescription(scope: MachineScope): string {
  switch (scope) {
    case 'import:timesheets':
      return $localize`Upload timesheet entries for anyone, by email (up to ${formatNumber(ImportLimits.rowsMax)}:max: at a time, as drafts or submitted, never approved)`;
    default:
      return MACHINE_SCOPE_DESCRIPTIONS[scope];
  }
}

/**
 * Machine clients (client-credentials grant): register one, see its secret once, give it a new secret (the old one
 * keeps working for the API's overlap, or ends now) and revoke it.
 */
@Component({
  selector: 'ts-admin-clients',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    PageState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (issued(); as shown) {
      <section class="ts-card" role="alert" aria-labelledby="secret-heading">
        <h2 i18n id="secret-heading">Secret of {{ shown.client.name }}</h2>
        <p i18n>Copy it now into the client's configuration: it is not shown again, and only its hash is kept.</p>
        <dl class="ts-dl">
          <dt i18n>Client ID</dt>
          <dd>
            <code data-testid="client-id">{{ shown.client.id }}</code>
          </dd>
          <dt i18n>Client secret</dt>
          <dd>
            <code data-testid="client-secret">{{ shown.clientSecret }}</code>
          </dd>
          @if (shown.client.previousSecretExpiresAt) {
            <dt i18n>Previous secret</dt>
            <dd i18n>works until {{ when(shown.client.previousSecretExpiresAt) }}</dd>
          }
        </dl>
        <button i18n mat-flat-button type="button" (click)="issued.set(null)">I have copied it</button>
      </section>
    }
    <section class="ts-card" aria-labelledby="clients-heading">
      <h2 i18n id="clients-heading">Machine clients</h2>
      <p i18n>
        Server processes that get tokens with their own credentials (client credentials), without a person: a badge
        reader, a ticketing tool, a nightly import.
      </p>
      <ts-page-state
        [loading]="clients.loading()"
        loadingLabel="Loading machine clients…"
        i18n-loadingLabel
        [errors]="clients.errors()"
        [empty]="!clients.value().length"
        emptyText="No machine clients."
        i18n-emptyText
        (retry)="clients.reload()"
      />
      @if (clients.value().length) {
        <div class="ts-table-scroll">
          <table class="ts-table" aria-label="Machine clients" i18n-aria-label>
            <thead>
              <tr>
                <th i18n scope="col">Name</th>
                <th i18n scope="col">Client ID</th>
                <th i18n scope="col">Scopes</th>
                <th i18n scope="col">Imports become</th>
                <th i18n scope="col">Secret</th>
                <th i18n scope="col">Status</th>
                <th scope="col"><span i18n class="ts-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (c of clients.value(); track c.id) {
                <tr>
                  <td>{{ c.name }}</td>
                  <td>
                    <code>{{ c.id }}</code>
                  </td>
                  <td>
                    @for (s of c.scopes; track s) {
                      <code>{{ s }}</code>
                    }
                  </td>
                  <td>{{ statusLabel(c.importStatus) }}</td>
                  <td>
                    <span i18n>issued {{ when(c.secretIssuedAt) }}</span>
                    @if (c.previousSecretExpiresAt) {
                      <br /><span i18n>previous one until {{ when(c.previousSecretExpiresAt) }}</span>
                    }
                  </td>
                  <td>
                    @if (c.revokedAt) {
                      <span i18n>Revoked {{ when(c.revokedAt) }}</span>
                    } @else {
                      <span i18n="machine client status|The status column of a machine client">Active</span>
                    }
                  </td>
                  <td class="ts-row-actions">
                    @if (!c.revokedAt) {
                      <button i18n mat-button type="button" (click)="rotate(c)" [attr.aria-label]="rotateLabel(c.name)">
                        New secret
                      </button>
                      <button i18n mat-button type="button" (click)="revoke(c)" [attr.aria-label]="revokeLabel(c.name)">
                        Revoke
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
    <section class="ts-card" aria-labelledby="new-client-heading">
      <h2 i18n id="new-client-heading">Register a machine client</h2>
      <form class="ts-form" (ngSubmit)="create()" novalidate aria-label="Register a machine client" i18n-aria-label>
        <mat-form-field>
          <mat-label i18n>Name</mat-label>
          <input
            matInput
            name="name"
            required
            [attr.maxlength]="nameMax"
            [ngModel]="name()"
            (ngModelChange)="name.set($event)"
          />
          <mat-hint i18n>What it is, e.g. "Badge reader, building 2"</mat-hint>
        </mat-form-field>
        <fieldset class="ts-fieldset">
          <legend i18n>It may be granted</legend>
          @for (s of machineScopes; track s) {
            <mat-checkbox [checked]="scopes().has(s)" (change)="toggle(s, $event.checked)">
              <code>{{ s }}</code> {{ scopeDescription(s) }}
            </mat-checkbox>
          }
        </fieldset>
        <mat-form-field>
          <mat-label i18n>Imported entries become</mat-label>
          <mat-select name="importStatus" [value]="importStatus()" (valueChange)="importStatus.set($event)">
            @for (s of importStatuses; track s) {
              <mat-option [value]="s">{{ statusLabel(s) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (problems().length && tried()) {
          <div class="ts-error" role="alert">
            @for (p of problems(); track p) {
              <p>{{ p }}</p>
            }
          </div>
        }
        <button i18n mat-flat-button type="submit" [disabled]="change.loading()">Register</button>
      </form>
    </section>
  `,
})
export class ClientsPage {
  private readonly api = inject(AdminApi);
  private readonly snack = inject(MatSnackBar);
  private readonly dialog = inject(MatDialog);
  readonly clients = apiLoader({ load: () => this.api.listClients(), initial: [] as MachineClientDto[] });
  readonly change = apiAction({ onError: (m) => this.snack.open(m.join(' '), $localize`Dismiss`) });
  readonly machineScopes = MACHINE_SCOPES;
  readonly importStatuses = IMPORTED_ENTRY_STATUSES;
  readonly nameMax = MachineClientLimits.nameMax;
  readonly name = signal('');
  readonly scopes = signal<ReadonlySet<MachineScope>>(new Set(MACHINE_SCOPES));
  readonly importStatus = signal<ImportedEntryStatus>('draft');
  readonly tried = signal(false);
  /** The secret just issued: shown until dismissed, never again. */
  readonly issued = signal<IssuedClientSecretDto | null>(null);
  readonly problems = computed(() => [
    ...(hasTrimmedLength(this.name(), 1, MachineClientLimits.nameMax) ? [] : [CLIENT_NAME_MESSAGE]),
    ...(this.scopes().size > 0 ? [] : [CLIENT_SCOPES_MESSAGE]),
  ]);

  readonly when = formatDateTime;
  statusLabel(s: ImportedEntryStatus): string {
    return IMPORT_STATUS_LABELS[s];
  }
  scopeDescription(s: MachineScope): string {
    return machineScopeDescription(s);
  }
  protected rotateLabel(name: string): string {
    return $localize`New secret for ${name}:name:`;
  }
  protected revokeLabel(name: string): string {
    return $localize`Revoke ${name}:name:`;
  }

  toggle(scope: MachineScope, on: boolean): void {
    this.scopes.update((set) => {
      const next = new Set(set);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  }

  create(): void {
    this.tried.set(true);
    if (this.problems().length) return;
    const body = { name: this.name().trim(), scopes: [...this.scopes()], importStatus: this.importStatus() };
    this.change.run(this.api.createClient(body), (issued) => {
      this.clients.update((l) => [...l, issued.client].sort((a, b) => a.name.localeCompare(b.name)));
      this.issued.set(issued);
      this.name.set('');
      this.tried.set(false);
    });
  }

  rotate(c: MachineClientDto): void {
    confirmAction(this.dialog, {
      title: $localize`New secret for ${c.name}:name:?`,
      message: $localize`The secret in use keeps working for the overlap the API is configured with (a day by default), so the client can be given the new one without an outage.`,
      confirm: $localize`New secret`,
    }).subscribe((ok) => {
      if (!ok) return;
      this.change.run(this.api.rotateClientSecret(c.id), (issued) => {
        this.replace(issued.client);
        this.issued.set(issued);
      });
    });
  }

  revoke(c: MachineClientDto): void {
    confirmAction(this.dialog, {
      title: $localize`Revoke ${c.name}:name:?`,
      message: $localize`It gets no token any more, and the API refuses the tokens it holds within seconds. This cannot be undone: register a new client to connect it again.`,
      confirm: $localize`Revoke`,
    }).subscribe((ok) => {
      if (!ok) return;
      this.change.run(this.api.revokeClient(c.id), (client) => {
        this.replace(client);
        if (this.issued()?.client.id === client.id) this.issued.set(null);
        this.snack.open($localize`${client.name}:name: revoked`, undefined, { duration: 3000 });
      });
    });
  }

  private replace(client: MachineClientDto): void {
    this.clients.update((l) => l.map((x) => (x.id === client.id ? client : x)));
  }
}
