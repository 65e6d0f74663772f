import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MeResponse, SCOPE_DESCRIPTIONS, isScope } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { MeApi, apiLoader } from '@timesheets/web-data-access';
import { PageState } from '@timesheets/web-ui';

/** Who the user is: identity claims, and roles, groups and scopes as the API sees them now. */
@Component({
  selector: 'ts-profile-page',
  imports: [MatButtonModule, PageState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="ts-page-header"><h1>Profile</h1></header>
    <section class="ts-card" aria-labelledby="who">
      <h2 id="who">Account</h2>
      <dl class="ts-dl">
        <dt>Name</dt>
        <dd data-testid="profile-name">{{ me()?.name ?? auth.user()?.name ?? '—' }}</dd>
        <dt>Email</dt>
        <dd data-testid="profile-email">{{ me()?.email ?? auth.user()?.email ?? '—' }}</dd>
      </dl>
      <ts-page-state
        [loading]="profile.loading()"
        loadingLabel="Loading your roles…"
        [errors]="profile.errors()"
        (retry)="profile.reload()"
      />
      @if (me(); as m) {
        <dl class="ts-dl">
          <dt>Roles</dt>
          <dd data-testid="profile-roles">{{ m.roles.length ? m.roles.join(', ') : 'none' }}</dd>
          <dt>Groups</dt>
          <dd>{{ m.groups.length ? m.groups.join(', ') : 'none' }}</dd>
        </dl>
      }
    </section>
    <section class="ts-card" aria-labelledby="scopes-heading">
      <h2 id="scopes-heading">Granted permissions</h2>
      <p>Scopes in your current access token. The API also checks your current roles on every request.</p>
      <ul data-testid="granted-scopes" class="ts-scope-list">
        @for (s of scopes(); track s.name) {
          <li>
            <code>{{ s.name }}</code>
            @if (s.description) {
              <span> — {{ s.description }}</span>
            }
          </li>
        } @empty {
          <li>None</li>
        }
      </ul>
      <button mat-stroked-button type="button" (click)="renew()" [disabled]="renewing()">
        {{ renewing() ? 'Refreshing…' : 'Refresh permissions' }}
      </button>
      @if (renewError()) {
        <p role="alert" class="ts-error">{{ renewError() }}</p>
      }
    </section>
  `,
})
export class ProfilePage {
  protected readonly auth = inject(AuthService);
  private readonly api = inject(MeApi);
  readonly profile = apiLoader({ load: () => this.api.get(), initial: null as MeResponse | null });
  readonly me = this.profile.value;
  readonly renewing = signal(false);
  readonly renewError = signal<string | null>(null);

  readonly scopes = computed(() =>
    [...this.auth.grantedScopes()]
      .filter((s) => !['openid', 'profile', 'email', 'offline_access'].includes(s))
      .sort()
      .map((name) => ({ name, description: isScope(name) ? SCOPE_DESCRIPTIONS[name] : '' })),
  );

  /** Gets a new access token (refresh token grant) so role changes show without signing out. */
  async renew(): Promise<void> {
    this.renewing.set(true);
    this.renewError.set(null);
    try {
      await this.auth.renew();
      this.profile.reload();
    } catch {
      this.renewError.set('Could not refresh your permissions. Sign out and in again.');
    } finally {
      this.renewing.set(false);
    }
  }
}
