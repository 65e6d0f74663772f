import { PAGE_LANGUAGES, PAGE_TEXT, pageLanguage } from './page-text';
import { loginPage, logoutPage, messageFor } from './pages';

describe("the provider's pages in the SPA's language", () => {
  it('follows ui_locales first, then Accept-Language, else English', () => {
    expect(pageLanguage('de', 'en-US')).toBe('de');
    expect(pageLanguage('fr-CA de-AT', undefined)).toBe('de');
    expect(pageLanguage('fr', 'de-DE,de;q=0.9')).toBe('de');
    expect(pageLanguage(undefined, 'en-GB,de;q=0.5')).toBe('en');
    expect(pageLanguage(['de'], 'fr')).toBe('en');
    expect(pageLanguage(undefined, undefined)).toBe('en');
  });

  it('has every text in every language', () => {
    const shape = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? shape(v).map((s) => `${k}.${s}`) : [k]));
    for (const l of PAGE_LANGUAGES) expect(shape(PAGE_TEXT[l])).toEqual(shape(PAGE_TEXT.en));
  });

  it('writes the sign-in, sign-out and message pages in German, with lang="de"', () => {
    const login = loginPage({ uid: 'u', csrf: 'c', clientName: 'Timesheets' }, [], PAGE_TEXT.de).html;
    expect(login).toContain('<html lang="de">');
    expect(login).toContain('<label for="password">Passwort</label>');
    expect(login).toContain('>Anmelden</button>');
    expect(logoutPage('<form id="op.logoutForm"></form>', [], PAGE_TEXT.de).html).toContain('Ja, abmelden');
    expect(messageFor(400, PAGE_TEXT.de.messages.expired, 'de').html).toContain('Anmeldung abgelaufen');
    expect(loginPage({ uid: 'u', csrf: 'c', clientName: 'X' }).html).toContain('<html lang="en">');
  });
});
