import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MeResponse, isScope } from '@timesheets/contracts';
import { AuthService } from '@timesheets/web-auth';
import { MeApi, apiLoader } from '@timesheets/web-data-access';
import { PageState, UI_LANGUAGES, languageUrl, rememberLanguage, scopeDescription, uiLocale } from '@timesheets/web-ui';

/** Who the user is: identity claims, roles and groups as the API sees them now, and what their sign-in allows, in words. */
@Component({
  selector: 'ts-profile-page',
  imports: [MatButtonModule, PageState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="ts-page-header"><h1 i18n>Profile</h1></header>
    <section class="ts-card" aria-labelledby="who">
      <h2 id="who" i18n>Account</h2>
      <dl class="ts-dl">
        <dt i18n>Name</dt>
        <dd data-testid="profile-name">{{ me()?.name ?? auth.user()?.name ?? '—' }}</dd>
        <dt i18n>Email</dt>
        <dd data-testid="profile-email">{{ me()?.email ?? auth.user()?.email ?? '—' }}</dd>
      </dl>
      <ts-page-state
        [loading]="profile.loading()"
        loadingLabel="Loading your roles…"
        i18n-loadingLabel
        [errors]="profile.errors()"
        (retry)="profile.reload()"
      />
      @if (me(); as m) {
        <dl class="ts-dl">
          <dt i18n>Roles</dt>
          <dd data-testid="profile-roles">{{ m.roles.length ? m.roles.join(', ') : none }}</dd>
          <dt i18n>Groups</dt>
          <dd>{{ m.groups.length ? m.groups.join(', ') : none }}</dd>
        </dl>
      }
    </section>
    <section class="ts-card" aria-labelledby="scopes-heading">
      <h2 id="scopes-heading" i18n>What you can do</h2>
      <p i18n>As your current sign-in allows. The API also checks your current roles on every request.</p>
      <ul data-testid="granted-scopes" class="ts-scope-list">
        @for (s of scopes(); track s.name) {
          <li>{{ s.description }}</li>
        } @empty {
          <li i18n>Nothing yet: ask an administrator for a role.</li>
        }
      </ul>
      <button mat-stroked-button type="button" (click)="renew()" [disabled]="renewing()">
        @if (renewing()) {
          <ng-container i18n>Refreshing…</ng-container>
        } @else {
          <ng-container i18n>Refresh permissions</ng-container>
        }
      </button>
      @if (renewError()) {
        <p role="alert" class="ts-error">{{ renewError() }}</p>
      }
    </section>
    <section class="ts-card" aria-labelledby="language-heading">
      <h2 id="language-heading" i18n>Language</h2>
      <p i18n>Pages, dates and numbers follow the language you choose here.</p>
      <label class="ts-language">
        <span i18n>Language</span>
        <select data-testid="language" [value]="language" (change)="chooseLanguage($any($event.target).value)">
          @for (l of languages; track l.code) {
            <option [value]="l.code" [attr.lang]="l.code">{{ l.name }}</option>
          }
        </select>
      </label>
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
  private readonly document = inject(DOCUMENT);
  protected readonly none = $localize`:no roles or groups:none`;
  protected readonly languages = UI_LANGUAGES;
  protected readonly language = uiLocale();

  readonly scopes = computed(() =>
    [...this.auth.grantedScopes()]
      .filter(isScope)
      .sort()
      .map((name) => ({ name, description: scopeDescription(name) })),
  );

  /** Gets a new access token (refresh token grant) so role changes show without signing out. */
  async renew(): Promise<void> {
    this.renewing.set(true);
    this.renewError.set(null);
    try {
      await this.auth.renew();
      this.profile.reload();
    } catch {
      this.renewError.set($localize`Could not refresh your permissions. Sign out and in again.`);
    } finally {
      this.renewing.set(false);
    }
  }

  /** Loads the chosen language's build at the same page and remembers the choice for the next visit. */
  protected chooseLanguage(code: string): void {
    if (code === this.language || !UI_LANGUAGES.some((l) => l.code === code)) return;
    rememberLanguage(code, this.document);
    const base = new URL(this.document.baseURI).pathname;
    this.document.location.assign(languageUrl(code, base, this.document.location));
  }
}
