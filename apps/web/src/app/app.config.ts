import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
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
  ],
};
