import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { APP_BASE_HREF } from '@angular/common';
import { provideRouter } from '@angular/router';
import { provideAuth } from '@timesheets/web-auth';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // No zone.js in the bundle: signals and OnPush drive change detection.
    provideZonelessChangeDetection(),
    // Reads /config.json, configures angular-oauth2-oidc and completes a sign-in redirect before routing starts.
    provideAuth(),
    provideRouter(appRoutes),
    // No <base> element: a strict CSP (`base-uri 'none'`) may forbid it. Assets use root-absolute URLs (deployUrl "/").
    { provide: APP_BASE_HREF, useValue: '/' },
  ],
};
