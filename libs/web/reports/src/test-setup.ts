import '@angular/localize/init';
// Numbers and dates follow the browser's locale (web-ui's formatLocale): the unit tests write them as a British user.
Object.defineProperty(navigator, 'languages', { value: ['en-GB', 'en'], configurable: true });
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});
