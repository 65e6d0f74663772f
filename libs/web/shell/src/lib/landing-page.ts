import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthService, SignInProblemMessage } from '@timesheets/web-auth';

@Component({
  selector: 'ts-landing-page',
  imports: [SignInProblemMessage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-hero">
      <h1 i18n>Timesheets</h1>
      <p i18n>Record your hours, see your week at a glance, and get them approved.</p>
      @if (auth.signInProblem(); as problem) {
        <p role="alert" class="ts-error" data-testid="sign-in-problem"><ts-sign-in-problem [problem]="problem" /></p>
        <button class="ts-btn ts-btn-filled" type="button" (click)="auth.login('/')" i18n>Sign in again</button>
      } @else {
        <button class="ts-btn ts-btn-filled" type="button" (click)="auth.login('/')" i18n>Sign in</button>
      }
    </section>
  `,
})
export class LandingPage {
  protected readonly auth = inject(AuthService);
}
