import { ChangeDetectionStrategy, Component, ViewEncapsulation, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { AuthService } from '@timesheets/web-auth';
import { ADMIN_SECTIONS } from './admin-sections';

/** Admin area frame: the sections the user's scopes open, then the section. */
@Component({
  selector: 'ts-admin-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Admin-only layout classes, shared by the sections: unencapsulated, loaded with this lazy chunk.
  encapsulation: ViewEncapsulation.None,
  styles: `
    .ts-admin-grid {
      display: grid;
      grid-template-columns: minmax(240px, 1fr) 2fr;
      gap: var(--ts-gap);
      align-items: start;
    }
    @media (max-width: 800px) {
      .ts-admin-grid {
        grid-template-columns: 1fr;
      }
    }
    .ts-subnav {
      margin-bottom: var(--ts-gap);
    }
    .ts-select-list {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .ts-select {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      width: 100%;
      padding: 8px;
      border: 0;
      border-radius: 8px;
      background: none;
      font: inherit;
      text-align: left;
      cursor: pointer;
      color: inherit;
    }
    .ts-select:hover,
    .ts-selected {
      background: var(--mat-sys-secondary-container, #dbe2f9);
    }
    .ts-select:focus-visible,
    .ts-link:focus-visible {
      outline: 3px solid var(--mat-sys-primary, #005cbb);
    }
    .ts-link {
      border: 0;
      background: none;
      font: inherit;
      font-weight: 600;
      color: var(--mat-sys-primary, #005cbb);
      text-decoration: underline;
      cursor: pointer;
      padding: 0;
    }
    .ts-fieldset {
      border: 1px solid var(--ts-border);
      border-radius: 8px;
      margin: 0 0 var(--ts-gap);
      display: flex;
      flex-direction: column;
    }
    .ts-matrix td {
      text-align: center;
    }
  `,
  template: `
    <header class="ts-page-header"><h1 i18n>Administration</h1></header>
    <nav aria-label="Administration" i18n-aria-label class="ts-nav ts-subnav">
      @for (s of sections(); track s.path) {
        <a mat-button [routerLink]="s.path" routerLinkActive="ts-active" ariaCurrentWhenActive="page">{{ s.label }}</a>
      }
    </nav>
    <router-outlet />
  `,
})
export class AdminShell {
  private readonly auth = inject(AuthService);
  protected readonly sections = computed(() => {
    this.auth.grantedScopes();
    return ADMIN_SECTIONS.filter((s) => this.auth.hasAnyScope(...s.anyOf));
  });
}
