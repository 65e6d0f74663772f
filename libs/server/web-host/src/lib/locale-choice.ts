import { parse as parseCookie } from 'cookie';
import Negotiator from 'negotiator';
import type { LocaleChoice } from './web-host-config';

/**
 * The language a visitor of the languages' root gets: the one they picked in the SPA (its cookie), else the best of the
 * built ones for their browser's Accept-Language (`de-AT` finds `de`), else the default. `available` lists the built
 * languages.
 */
export function chooseLocale(
  headers: { cookie?: string; 'accept-language'?: string },
  choice: LocaleChoice,
  available: readonly string[],
): string {
  const picked = parseCookie(headers.cookie ?? '')[choice.cookie];
  if (picked && available.includes(picked)) return picked;
  const accept = headers['accept-language'];
  if (!accept) return choice.defaultLocale;
  // The default first: where the browser's languages tie (`*`), it wins.
  const ordered = [choice.defaultLocale, ...available.filter((l) => l !== choice.defaultLocale)];
  return new Negotiator({ headers: { 'accept-language': accept } }).language(ordered) ?? choice.defaultLocale;
}
