import Negotiator from 'negotiator';
import { SCOPE_DESCRIPTIONS, type Scope } from '@timesheets/contracts';

/** The languages of the provider's pages: the SPA's (English, German). */
export const PAGE_LANGUAGES = ['en', 'de'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/**
 * The language of a page: the first of the request's `ui_locales` (OpenID Connect: the SPA sends its own) the pages
 * speak (`de-AT` reads as `de`), else the best match for the browser's Accept-Language, else English.
 */
export function pageLanguage(uiLocales: unknown, acceptLanguage: string | undefined): PageLanguage {
  if (typeof uiLocales === 'string') {
    for (const tag of uiLocales.split(/\s+/)) {
      const language = tag.toLowerCase().split('-')[0];
      const found = PAGE_LANGUAGES.find((l) => l === language);
      if (found) return found;
    }
  }
  if (!acceptLanguage) return 'en';
  const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...PAGE_LANGUAGES]);
  return PAGE_LANGUAGES.find((l) => l === best) ?? 'en';
}

export interface Message {
  title: string;
  text: string;
}

/** Every text of the provider's pages, per language. */
export interface PageText {
  lang: PageLanguage;
  signIn: {
    title: string;
    heading: string;
    toContinue: (client: string) => string;
    email: string;
    password: string;
    submit: string;
    cancel: string;
    invalid: string;
    blocked: string;
  };
  consent: {
    title: string;
    heading: (client: string) => string;
    intro: (client: string) => string;
    knowWhoYouAre: string;
    allow: string;
    deny: string;
    /** The lines of the list: what the grant releases and allows, in plain words (consent-items.ts). */
    items: {
      identifier: string;
      name: (name: string) => string;
      email: (email: string) => string;
      claim: (claim: string) => string;
      /** A scope this version does not describe. */
      otherScope: (scope: string) => string;
      offline: (days: number) => string;
      /** What each API permission lets the client do (the SPA's words for it, in the same language). */
      scopes: Readonly<Record<Scope, string>>;
    };
  };
  signOut: {
    title: string;
    heading: string;
    yes: string;
    no: string;
    done: Message;
    /** The page shown for a moment while a sign-out the application asked for submits itself. */
    proceedTitle: string;
    proceedHeading: string;
    proceed: string;
  };
  messages: {
    notSupported: Message;
    alreadySignedIn: Message;
    nothingToConfirm: Message;
    throttled: Message;
    busy: Message;
    tooLarge: Message;
    unavailable: Message;
    failed: Message;
    expired: Message;
    mismatch: Message;
    badForm: Message;
  };
}

export const PAGE_TEXT: Record<PageLanguage, PageText> = {
  en: {
    lang: 'en',
    signIn: {
      title: 'Sign in',
      heading: 'Sign in to Timesheets',
      toContinue: (client) => `to continue to ${client}`,
      email: 'Email',
      password: 'Password',
      submit: 'Sign in',
      cancel: 'Cancel',
      invalid: 'Incorrect email or password.',
      blocked: 'This account cannot sign in. Please contact your administrator.',
    },
    consent: {
      title: 'Allow access',
      heading: (client) => `Allow ${client} to access your Timesheets account?`,
      intro: (client) => `${client} is not part of Timesheets. If you allow it, it will be able to:`,
      knowWhoYouAre: 'Know who you are',
      allow: 'Allow',
      deny: 'Deny',
      items: {
        identifier: 'Know who you are (your account identifier)',
        name: (name) => `See your name: ${name}`,
        email: (email) => `See your email address: ${email}`,
        claim: (claim) => `See "${claim}" from your account`,
        otherScope: (scope) => `Use "${scope}"`,
        offline: (days) => `Keep this access while you are not using it, for up to ${days} days`,
        scopes: SCOPE_DESCRIPTIONS,
      },
    },
    signOut: {
      title: 'Sign out',
      heading: 'Sign out of Timesheets?',
      yes: 'Yes, sign me out',
      no: 'No, stay signed in',
      done: { title: 'Signed out', text: 'You have been signed out of Timesheets.' },
      proceedTitle: 'Signing out',
      proceedHeading: 'Signing you out of Timesheets…',
      proceed: 'Continue',
    },
    messages: {
      notSupported: { title: 'Cannot continue', text: 'This sign-in step is not supported.' },
      alreadySignedIn: { title: 'Cannot continue', text: 'You are already signed in for this request.' },
      nothingToConfirm: { title: 'Cannot continue', text: 'There is nothing to confirm for this request.' },
      throttled: { title: 'Too many attempts', text: 'Too many failed sign-in attempts. Please try again later.' },
      busy: {
        title: 'Sign-in is busy',
        text: 'Too many people are signing in right now. Please try again shortly.',
      },
      tooLarge: { title: 'Request refused', text: 'The form was too large. Please start again.' },
      unavailable: {
        title: 'Sign-in unavailable',
        text: 'Sign-in is unavailable right now. Nothing was issued; please try again later.',
      },
      failed: { title: 'Something went wrong', text: 'Please go back to the application and try again.' },
      expired: {
        title: 'Sign-in expired',
        text: 'This sign-in request has expired. Go back to the application and start again.',
      },
      mismatch: { title: 'Sign-in expired', text: 'This sign-in request does not match. Please start again.' },
      badForm: { title: 'Request refused', text: 'The form was not valid for this sign-in. Please start again.' },
    },
  },
  de: {
    lang: 'de',
    signIn: {
      title: 'Anmelden',
      heading: 'Bei Timesheets anmelden',
      toContinue: (client) => `um mit ${client} fortzufahren`,
      email: 'E-Mail',
      password: 'Passwort',
      submit: 'Anmelden',
      cancel: 'Abbrechen',
      invalid: 'E-Mail oder Passwort ist falsch.',
      blocked: 'Dieses Konto kann sich nicht anmelden. Wenden Sie sich an Ihre Administration.',
    },
    consent: {
      title: 'Zugriff erlauben',
      heading: (client) => `${client} den Zugriff auf Ihr Timesheets-Konto erlauben?`,
      intro: (client) => `${client} gehört nicht zu Timesheets. Wenn Sie es erlauben, kann die Anwendung:`,
      knowWhoYouAre: 'Wissen, wer Sie sind',
      allow: 'Erlauben',
      deny: 'Ablehnen',
      items: {
        identifier: 'Wissen, wer Sie sind (Ihre Konto-Kennung)',
        name: (name) => `Ihren Namen sehen: ${name}`,
        email: (email) => `Ihre E-Mail-Adresse sehen: ${email}`,
        claim: (claim) => `„${claim}“ aus Ihrem Konto sehen`,
        otherScope: (scope) => `„${scope}“ verwenden`,
        offline: (days) =>
          `Diesen Zugriff behalten, auch wenn Sie die Anwendung nicht nutzen, bis zu ${days} Tage lang`,
        scopes: {
          'read:timesheets': 'Ihre Zeiteinträge lesen',
          'create:timesheets': 'Ihre Zeiteinträge anlegen und bearbeiten',
          'delete:timesheets': 'Ihre Zeiteinträge löschen',
          'approve:timesheets': 'Die Zeiten der Personen, die Sie leiten, freigeben oder ablehnen',
          'read:projects': 'Die Projekte sehen, auf die Sie Zeit buchen können',
          'manage:projects': 'Kunden und Projekte anlegen, umbenennen, archivieren und wiederherstellen',
          'manage:period-lock':
            'Zeiten bis zu einem Datum sperren, sodass sich bis einschließlich diesem Tag nichts mehr ändert',
          'read:reports': 'Die Stunden aller auswerten und exportieren',
          'read:users': 'Benutzer und ihre Zuordnungen lesen',
          'update:users': 'Benutzern Rollen und Gruppen zuordnen, sie sperren und entsperren',
          'read:groups': 'Gruppen lesen',
          'create:groups': 'Gruppen anlegen',
          'update:groups': 'Gruppen, ihre Mitglieder und Rollen ändern',
          'delete:groups': 'Gruppen löschen',
          'read:roles': 'Rollen lesen',
          'create:roles': 'Rollen anlegen',
          'update:roles': 'Rollen und ihre Berechtigungen ändern',
          'delete:roles': 'Rollen löschen',
          'read:permissions': 'Berechtigungen lesen',
          'create:permissions': 'Berechtigungen anlegen',
          'update:permissions': 'Berechtigungen ändern',
          'delete:permissions': 'Berechtigungen löschen',
          'read:audit': 'Das Protokoll lesen',
          'manage:clients': 'Maschinen-Clients registrieren, ihre Geheimnisse erneuern und sie widerrufen',
        },
      },
    },
    signOut: {
      title: 'Abmelden',
      heading: 'Von Timesheets abmelden?',
      yes: 'Ja, abmelden',
      no: 'Nein, angemeldet bleiben',
      done: { title: 'Abgemeldet', text: 'Sie wurden von Timesheets abgemeldet.' },
      proceedTitle: 'Abmelden',
      proceedHeading: 'Sie werden von Timesheets abgemeldet …',
      proceed: 'Weiter',
    },
    messages: {
      notSupported: { title: 'Weiter geht es nicht', text: 'Dieser Anmeldeschritt wird nicht unterstützt.' },
      alreadySignedIn: { title: 'Weiter geht es nicht', text: 'Für diese Anfrage sind Sie bereits angemeldet.' },
      nothingToConfirm: { title: 'Weiter geht es nicht', text: 'Für diese Anfrage gibt es nichts zu bestätigen.' },
      throttled: {
        title: 'Zu viele Versuche',
        text: 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es später noch einmal.',
      },
      busy: {
        title: 'Anmeldung ausgelastet',
        text: 'Gerade melden sich zu viele Personen an. Bitte versuchen Sie es gleich noch einmal.',
      },
      tooLarge: { title: 'Anfrage abgelehnt', text: 'Das Formular war zu groß. Bitte beginnen Sie von vorn.' },
      unavailable: {
        title: 'Anmeldung nicht verfügbar',
        text: 'Die Anmeldung ist gerade nicht verfügbar. Es wurde nichts ausgestellt; bitte versuchen Sie es später noch einmal.',
      },
      failed: {
        title: 'Etwas ist schiefgegangen',
        text: 'Bitte kehren Sie zur Anwendung zurück und versuchen Sie es noch einmal.',
      },
      expired: {
        title: 'Anmeldung abgelaufen',
        text: 'Diese Anmeldeanfrage ist abgelaufen. Kehren Sie zur Anwendung zurück und beginnen Sie von vorn.',
      },
      mismatch: {
        title: 'Anmeldung abgelaufen',
        text: 'Diese Anmeldeanfrage passt nicht. Bitte beginnen Sie von vorn.',
      },
      badForm: {
        title: 'Anfrage abgelehnt',
        text: 'Das Formular war für diese Anmeldung nicht gültig. Bitte beginnen Sie von vorn.',
      },
    },
  },
};
