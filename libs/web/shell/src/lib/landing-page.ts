import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthService } from '@timesheets/web-auth';

@Component({
  selector: 'ts-landing-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-hero">
      <h1 i18n>Timesheets</h1>
      <p i18n>Record your hours, see your week at a glance, and get them approved.</p>
      @if (auth.error(); as err) {
        <p role="alert" class="ts-error" i18n>{{ err }} Try again later.</p>
      }
      <button class="ts-btn ts-btn-filled" type="button" (click)="auth.login('/')" i18n>Sign in</button>
    </section>
  `,
})
export class LandingPage {
  protected readonly auth = inject(AuthService);
}
