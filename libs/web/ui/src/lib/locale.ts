/**
 * The SPA's languages and formats. Each language is its own build (Angular i18n: `/en/`, `/de/`); the server sends a
 * visitor of `/` to the one named by the `timesheets-locale` cookie, else the best match for the browser's
 * Accept-Language. Numbers and dates follow the browser's own locale where its language is the page's (`en-GB` and
 * `en-US` read `en` alike but write dates differently), else the page's language.
 */
export interface UiLanguage {
  code: string;
  /** The language's name in itself, as a language menu shows it. */
  name: string;
}

export const UI_LANGUAGES: readonly UiLanguage[] = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
];

/** The cookie the server reads at `/` to choose a language; written when the user picks one. */
export const LOCALE_COOKIE = 'timesheets-locale';

/** The language this build was translated into (`$localize.locale`, set by the localized build), `en` otherwise. */
export function uiLocale(): string {
  const locale = typeof $localize === 'undefined' ? undefined : $localize.locale;
  return locale || 'en';
}

/**
 * The locale numbers and dates are written in: the first of the browser's languages in the page's language (keeps
 * the region: `en-GB`, `de-AT`), else the page's language itself.
 */
export function pickFormatLocale(ui: string, preferred: readonly string[]): string {
  const language = ui.toLowerCase().split('-')[0];
  for (const tag of preferred) {
    try {
      const canonical = Intl.getCanonicalLocales(tag)[0];
      if (canonical && canonical.toLowerCase().split('-')[0] === language) return canonical;
    } catch {
      // not a language tag: skipped
    }
  }
  return ui;
}

let cachedFormatLocale: string | null = null;

/** The locale every number and date of the SPA is written in (see `pickFormatLocale`). */
export function formatLocale(): string {
  cachedFormatLocale ??= pickFormatLocale(
    uiLocale(),
    typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
  );
  return cachedFormatLocale;
}

/** For tests: forget the chosen format locale. */
export function resetFormatLocale(): void {
  cachedFormatLocale = null;
}

/** The path the language builds sit under: the base path (`/de/`) without its last segment (`/`). */
export function languagesRoot(basePath: string): string {
  return basePath.replace(/[^/]+\/$/, '');
}

/**
 * The same page in another language: `basePath` is this build's (`document.baseURI`'s path, `/de/`), `location` the
 * page's; the other build is its sibling (`/en/`) and gets the same in-app path and query.
 */
export function languageUrl(code: string, basePath: string, location: Pick<Location, 'pathname' | 'search'>): string {
  const path = location.pathname.startsWith(basePath) ? location.pathname.slice(basePath.length) : '';
  return `${languagesRoot(basePath)}${encodeURIComponent(code)}/${path}${location.search}`;
}

/** Remembers the chosen language for the server's choice at the languages' root. */
export function rememberLanguage(code: string, doc: Document): void {
  const path = languagesRoot(new URL(doc.baseURI).pathname) || '/';
  doc.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(code)}; Path=${path}; Max-Age=31536000; SameSite=Lax`;
}
