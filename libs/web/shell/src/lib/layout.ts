import { ChangeDetectionStrategy, Component, DOCUMENT, computed, effect, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { ADMIN_SCOPES, REPORT_READER_SCOPES, Scopes, isScope } from '@timesheets/contracts/scopes';
import { AuthService } from '@timesheets/web-auth';
import { rememberLanguage, uiLocale } from '@timesheets/web-ui/locale';
import { scopeDescription } from '@timesheets/web-ui/permissions';

/**
 * Application frame: skip link, top bar with scope-aware navigation, main region. Plain HTML and CSS, no Material:
 * the frame is in the initial bundle, Material loads with the (lazy) pages.
 */
@Component({
  selector: 'ts-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="ts-skip-link" href="#main" (click)="focusMain($event)" i18n>Skip to main content</a>
    <header>
      <div class="ts-topbar">
        <a i18n class="ts-brand" routerLink="/">Timesheets</a>
        @if (auth.signedIn()) {
          <nav aria-label="Main" i18n-aria-label class="ts-nav">
            @for (l of links(); track l.path) {
              <a
                class="ts-btn ts-btn-text"
                [routerLink]="l.path"
                routerLinkActive="ts-active"
                ariaCurrentWhenActive="page"
                >{{ l.label }}</a
              >
            }
          </nav>
          <span class="ts-spacer"></span>
          <span class="ts-user" data-testid="user-name">{{ auth.user()?.name ?? auth.user()?.email }}</span>
          <button class="ts-btn ts-btn-outline" type="button" (click)="auth.logout()" i18n>Sign out</button>
        } @else {
          <span class="ts-spacer"></span>
          <button class="ts-btn ts-btn-filled" type="button" (click)="auth.login('/')" i18n>Sign in</button>
        }
      </div>
    </header>
    <main id="main" tabindex="-1" class="ts-main">
      @if (auth.lostScopes().length) {
        <section class="ts-notice" role="alert" aria-labelledby="ts-lost-title" data-testid="permissions-changed">
          <h2 id="ts-lost-title" class="ts-notice-title" i18n>Your permissions have changed</h2>
          @if (lostAbilities().length) {
            <p i18n>You can no longer:</p>
            <ul>
              @for (a of lostAbilities(); track a) {
                <li>{{ a }}</li>
              }
            </ul>
          }
          <p i18n>If you think this is a mistake, ask an administrator.</p>
          <button class="ts-btn ts-btn-outline" type="button" (click)="auth.dismissLostScopes()" i18n>Dismiss</button>
        </section>
      }
      <router-outlet />
    </main>
  `,
})
export class Layout {
  protected readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  constructor() {
    // Material's theme and the page styles are only needed by the signed-in pages (all lazy); the landing page renders
    // without them.
    effect(() => {
      if (this.auth.signedIn()) loadMaterialTheme(this.document);
    });
    // The language in use is the one to come back to: the server reads it at `/` (after signing in or out, say).
    rememberLanguage(uiLocale(), this.document);
  }

  /** Navigation follows the granted scopes; the routes' guards enforce the same rule. */
  protected readonly links = computed(() => {
    this.auth.grantedScopes();
    const out: { path: string; label: string }[] = [];
    if (this.auth.hasScopes(Scopes.ReadTimesheets)) out.push({ path: '/timesheets', label: $localize`My timesheets` });
    if (this.auth.hasScopes(Scopes.ApproveTimesheets)) out.push({ path: '/approvals', label: $localize`Approvals` });
    if (this.auth.hasAnyScope(...REPORT_READER_SCOPES)) out.push({ path: '/reports', label: $localize`Reports` });
    if (this.auth.hasAnyScope(...ADMIN_SCOPES)) out.push({ path: '/admin', label: $localize`Admin` });
    out.push({ path: '/profile', label: $localize`Profile` });
    return out;
  });

  /** What the user can no longer do, in words (scope names never reach the screen). */
  protected readonly lostAbilities = computed(() => this.auth.lostScopes().filter(isScope).map(scopeDescription));

  protected focusMain(ev: Event): void {
    ev.preventDefault();
    document.getElementById('main')?.focus();
  }
}

// Relative to the build's <base href> (`/en/`, `/de/`): each language is its own build.
export const MATERIAL_THEME_HREF = 'material-theme.css';

/** Adds the Material theme stylesheet once. */
export function loadMaterialTheme(doc: Document): void {
  if (doc.getElementById('ts-material-theme')) return;
  const link = doc.createElement('link');
  link.id = 'ts-material-theme';
  link.rel = 'stylesheet';
  link.href = MATERIAL_THEME_HREF;
  doc.head.appendChild(link);
}
