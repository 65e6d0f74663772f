import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { SignInProblem } from './sign-in-problem';

/** The plain words for why sign-in did not complete (one sentence or two; never the provider's code). */
@Component({
  selector: 'ts-sign-in-problem',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (problem().kind) {
      @case ('cancelled') {
        <ng-container i18n>Sign-in was cancelled.</ng-container>
      }
      @case ('blocked') {
        <ng-container i18n>This account cannot sign in. Ask your administrator.</ng-container>
      }
      @case ('login_required') {
        <ng-container i18n>The sign-in service asks you to sign in again.</ng-container>
      }
      @case ('consent_required') {
        <ng-container i18n
          >Timesheets needs your permission to use your account. Sign in again and choose Allow.</ng-container
        >
      }
      @case ('interaction_required') {
        <ng-container i18n
          >The sign-in service needs you to confirm something first. Sign in again to see what it asks.</ng-container
        >
      }
      @case ('invalid_request') {
        <ng-container i18n
          >The sign-in service did not accept the sign-in request. Sign in again; if it happens again, tell your
          administrator.</ng-container
        >
      }
      @case ('state_mismatch') {
        <ng-container i18n
          >That sign-in answer does not belong to a sign-in started here (it may be old or from another tab), so it was
          ignored. Sign in again.</ng-container
        >
      }
      @case ('unreachable') {
        <ng-container i18n
          >The sign-in service at {{ problem().issuer }} could not be reached. Try again later.</ng-container
        >
      }
      @case ('untrusted') {
        <ng-container i18n
          >The sign-in service at {{ problem().issuer }} describes itself with endpoints this application does not trust
          (see strictDiscoveryValidation in config.json).</ng-container
        >
      }
      @default {
        <ng-container i18n
          >Sign-in could not be completed. Try again; if it happens again, tell your administrator.</ng-container
        >
      }
    }
  `,
})
export class SignInProblemMessage {
  readonly problem = input.required<SignInProblem>();
}
