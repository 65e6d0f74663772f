import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ConfigurationExport, Scopes } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { AdminApi, apiAction } from '@timesheets/web-data-access';
import { confirmAction } from '@timesheets/web-ui';

/** Checks the outline of an export file before sending it (the API validates it fully). */
export function parseConfigurationExport(text: string): ConfigurationExport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error($localize`The file is not valid JSON.`);
  }
  const d = data as Partial<ConfigurationExport> | null;
  if (!d || d.version !== 1) throw new Error($localize`Not a Timesheets export (version 1 expected).`);
  for (const k of ['permissions', 'roles', 'groups', 'users'] as const) {
    if (!Array.isArray(d[k])) throw new Error($localize`The export has no "${k}" list.`);
  }
  return d as ConfigurationExport;
}

@Component({
  selector: 'ts-admin-transfer',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card" aria-labelledby="export-heading">
      <h2 i18n id="export-heading">Export</h2>
      <p i18n>Downloads permissions, roles, groups and users' assignments as JSON.</p>
      <button i18n mat-flat-button type="button" (click)="export()" [disabled]="!canExport() || busy()">
        Export JSON
      </button>
      @if (!canExport()) {
        <p i18n class="ts-note">Needs read:roles, read:groups, read:permissions and read:users.</p>
      }
    </section>
    <section class="ts-card" aria-labelledby="import-heading">
      <h2 i18n id="import-heading">Import</h2>
      <p i18n>Applies an export file: adds and updates what it lists.</p>
      <label i18n for="import-file">Export file (JSON)</label>
      <input
        id="import-file"
        type="file"
        accept="application/json,.json"
        (change)="pick($event)"
        [disabled]="!canImport() || busy()"
      />
      @if (!canImport()) {
        <p i18n class="ts-note">Needs update:roles, update:groups, update:permissions and update:users.</p>
      }
      @if (message(); as m) {
        <p role="status">{{ m }}</p>
      }
      @if (error(); as e) {
        <p role="alert" class="ts-error">{{ e }}</p>
      }
    </section>
  `,
})
export class TransferPage {
  private readonly api = inject(AdminApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  private readonly document = inject(DOCUMENT);
  private readonly call = apiAction();
  readonly busy = this.call.loading;
  readonly message = signal<string | null>(null);
  /** A bad file (checked here) or the API's refusal. */
  private readonly fileError = signal<string | null>(null);
  readonly error = computed(() => this.fileError() ?? (this.call.errors().join(' ') || null));
  readonly canExport = computed(() => {
    this.auth.grantedScopes();
    return this.auth.hasScopes(Scopes.ReadRoles, Scopes.ReadGroups, Scopes.ReadPermissions, Scopes.ReadUsers);
  });
  readonly canImport = computed(() => {
    this.auth.grantedScopes();
    return this.auth.hasScopes(Scopes.UpdateRoles, Scopes.UpdateGroups, Scopes.UpdatePermissions, Scopes.UpdateUsers);
  });

  export(): void {
    this.fileError.set(null);
    this.call.run(this.api.exportConfig(), (data) => {
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = this.document.createElement('a');
      a.href = url;
      a.download = `timesheets-authz-${new Date().toISOString().slice(0, 10)}.json`;
      a.click();
      URL.revokeObjectURL(url);
      this.snack.open($localize`Export downloaded`, undefined, { duration: 3000 });
    });
  }

  async pick(ev: Event): Promise<void> {
    const input = ev.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    await this.importText(await file.text());
  }

  async importText(text: string): Promise<void> {
    this.message.set(null);
    this.fileError.set(null);
    let data: ConfigurationExport;
    try {
      data = parseConfigurationExport(text);
    } catch (e) {
      this.fileError.set((e as Error).message);
      return;
    }
    confirmAction(this.dialog, {
      title: $localize`Import this configuration?`,
      message: `${data.permissions.length} permissions, ${data.roles.length} roles, ${data.groups.length} groups, ${data.users.length} users.`,
      confirm: $localize`Import`,
    }).subscribe((ok) => {
      if (!ok) return;
      this.call.run(this.api.importConfig(data), () => this.message.set($localize`Imported.`));
    });
  }
}
