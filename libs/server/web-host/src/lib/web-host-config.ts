import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_PORTS, type WebRuntimeConfig } from '@timesheets/contracts';
import { EnvReader } from '@timesheets/server-config';
import { readSpaRuntimeConfig } from './spa-runtime-config';

export { DEFAULT_WEB_SCOPE } from './spa-runtime-config';

/** One built SPA served under a URL path: the whole build, or one language of an Angular i18n build (`/de/`). */
export interface SpaMount {
  /** URL path the SPA answers under, with leading and trailing slash (`/`, `/de/`). */
  basePath: string;
  /** Absolute folder of the build (`index.html` and the hashed files). */
  root: string;
  /** The language of a localized build (its folder's name: `en`, `de`), absent for an unlocalized one. */
  locale?: string;
}

/** Where a visitor of the base path itself (`/`, a deep link without a language) is sent: one of the mounts. */
export interface LocaleChoice {
  /** The base path the language builds sit under (`/`). */
  basePath: string;
  /** The language when neither the cookie nor Accept-Language names one that is built. */
  defaultLocale: string;
  /** The cookie the SPA writes when the user picks a language. */
  cookie: string;
}

export interface WebHostConfig {
  port: number;
  host: string;
  mounts: SpaMount[];
  /** Set for a localized build (one mount per language); the base path then sends each visitor to a language. */
  locales?: LocaleChoice;
  /** What `/config.json` answers: the SPA's run-time configuration. */
  runtime: WebRuntimeConfig;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
}

const BASE_PATH = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;
/** The cookie the SPA writes when the user picks a language (web-ui's LOCALE_COOKIE). */
export const LOCALE_COOKIE = 'timesheets-locale';
/** A folder named like a language tag: `en`, `de`, `pt-BR`, `zh-Hant`. */
const LOCALE_FOLDER = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const isBuild = (dir: string) => existsSync(join(dir, 'index.html')) && statSync(join(dir, 'index.html')).isFile();

/** The language builds of a localized SPA build: subfolders named like a language tag, each with an index.html. */
function localeFolders(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && LOCALE_FOLDER.test(e.name) && isBuild(join(root, e.name)))
    .map((e) => e.name)
    .sort();
}

/**
 * Reads and validates the SPA server's environment; throws a ConfigError naming every bad variable: the WEB_*
 * variables of `/config.json`, WEB_ROOT, WEB_BASE_PATH and WEB_DEFAULT_LOCALE. In production the issuer and the API
 * URL have no local defaults. A WEB_ROOT without index.html but with language folders (`en/`, `de/`: Angular's
 * localized build) is served one mount per language.
 */
export function loadWebHostConfig(env: Readonly<Record<string, string | undefined>> = process.env): WebHostConfig {
  const r = new EnvReader(env);
  const production = r.string('NODE_ENV', 'development') === 'production';

  const root = resolve(r.string('WEB_ROOT', 'dist/apps/web/browser'));
  const basePath = r.string('WEB_BASE_PATH', '/');
  if (!BASE_PATH.test(basePath)) {
    r.problem(`WEB_BASE_PATH must be a URL path that starts and ends with "/" (got "${basePath}")`);
  }
  // An unlocalized build has its index.html in WEB_ROOT; a localized one (Angular i18n) one folder per language.
  const languages = isBuild(root) ? [] : localeFolders(root);
  if (!isBuild(root) && languages.length === 0) {
    r.problem(
      `WEB_ROOT must be a folder holding the built SPA's index.html, or one folder per language each holding one (got "${root}"; build it: npx nx build web)`,
    );
  }
  const mounts: SpaMount[] =
    languages.length === 0
      ? [{ basePath, root }]
      : languages.map((locale) => ({ basePath: `${basePath}${locale}/`, root: join(root, locale), locale }));
  const fallback = languages.includes('en') ? 'en' : (languages[0] ?? '');
  const defaultLocale = r.string('WEB_DEFAULT_LOCALE', fallback);
  if (languages.length > 0 && !languages.includes(defaultLocale)) {
    r.problem(`WEB_DEFAULT_LOCALE must be one of the built languages ${languages.join(', ')} (got "${defaultLocale}")`);
  }

  const config: WebHostConfig = {
    port: r.int('PORT', DEFAULT_PORTS.web, 0, 65535),
    host: r.string('HOST', '127.0.0.1'),
    mounts,
    ...(languages.length > 0 ? { locales: { basePath, defaultLocale, cookie: LOCALE_COOKIE } } : {}),
    runtime: readSpaRuntimeConfig(r, production),
    logLevel: r.oneOf('LOG_LEVEL', ['error', 'warn', 'info', 'debug'] as const, 'info'),
  };
  r.done();
  return config;
}
