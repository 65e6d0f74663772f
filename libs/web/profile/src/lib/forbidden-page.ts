import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'ts-forbidden-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card">
      <h1 i18n>You don't have permission</h1>
      <p i18n>
        Your account is not allowed to open this page or do this action. If you think it should be, ask an
        administrator; after your permissions change, open your profile and choose “Refresh permissions”.
      </p>
      <a class="ts-btn ts-btn-filled" routerLink="/" i18n>Go to the start page</a>
    </section>
  `,
})
export class ForbiddenPage {}

@Component({
  selector: 'ts-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ts-card">
      <h1 i18n>Page not found</h1>
      <p i18n>There is no page at this address.</p>
      <a class="ts-btn ts-btn-filled" routerLink="/" i18n>Go to the start page</a>
    </section>
  `,
})
export class NotFoundPage {}
