import { ALL_SCOPES } from '@timesheets/contracts';
import { consentItems } from './consent-items';
import { PAGE_TEXT } from './page-text';

const en = PAGE_TEXT.en.consent.items;

const account = { name: 'Alice Employee', email: 'alice@exampleco.test' };

describe('consentItems', () => {
  it('lists every scope and claim the grant will hold, in plain words, identity first and duration last', () => {
    const items = consentItems(
      {
        oidcScopes: ['offline_access', 'email', 'openid', 'profile'],
        claims: [],
        apiScopes: ['read:timesheets', 'approve:timesheets'],
        account,
        offlineDays: 14,
      },
      en,
    );
    expect(items).toEqual([
      { name: 'openid', description: 'Know who you are (your account identifier)' },
      { name: 'profile', description: 'See your name: Alice Employee' },
      { name: 'email', description: 'See your email address: alice@exampleco.test' },
      { name: 'read:timesheets', description: 'Read your timesheet entries' },
      { name: 'approve:timesheets', description: 'Approve or reject the timesheets of the people you manage' },
      { name: 'offline_access', description: 'Keep this access while you are not using it, for up to 14 days' },
    ]);
  });

  it('shows a claim asked for on its own like its scope, once', () => {
    const items = consentItems(
      {
        oidcScopes: ['openid', 'email'],
        claims: ['name', 'email_verified', 'email', 'sub'],
        apiScopes: [],
        account,
        offlineDays: 14,
      },
      en,
    );
    expect(items.map((i) => i.name)).toEqual(['openid', 'profile', 'email']);
  });

  it("speaks the page's language: every line in German on a German page, no English left", () => {
    const items = consentItems(
      {
        oidcScopes: ['offline_access', 'email', 'openid', 'profile'],
        claims: ['phone'],
        apiScopes: ['read:timesheets', 'approve:timesheets', 'other:scope'],
        account,
        offlineDays: 14,
      },
      PAGE_TEXT.de.consent.items,
    );
    expect(items.map((i) => i.description)).toEqual([
      'Wissen, wer Sie sind (Ihre Konto-Kennung)',
      'Ihren Namen sehen: Alice Employee',
      'Ihre E-Mail-Adresse sehen: alice@exampleco.test',
      '„phone“ aus Ihrem Konto sehen',
      'Ihre Zeiteinträge lesen',
      'Die Zeiten der Personen, die Sie leiten, freigeben oder ablehnen',
      '„other:scope“ verwenden',
      'Diesen Zugriff behalten, auch wenn Sie die Anwendung nicht nutzen, bis zu 14 Tage lang',
    ]);
  });

  it('describes every permission in every language', () => {
    for (const lang of Object.keys(PAGE_TEXT) as (keyof typeof PAGE_TEXT)[])
      for (const scope of ALL_SCOPES) expect(PAGE_TEXT[lang].consent.items.scopes[scope]).toBeTruthy();
  });
});
