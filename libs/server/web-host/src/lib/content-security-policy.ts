import type { WebRuntimeConfig } from '@timesheets/contracts';

/**
 * The SPA's Content Security Policy. Scripts are files only; Angular adds component styles as `<style>` elements at
 * run time and gives them the nonce it reads from `ngCspNonce` on the root element, so styles need no
 * 'unsafe-inline'. The browser talks to its own origin, the API and the issuer, and forms post only to the issuer.
 * Responses other than the page itself get the policy without a nonce. `base-uri 'self'`: each language of a localized
 * build has its own `<base href="/de/">`, and a base pointing anywhere else stays refused.
 */
export function contentSecurityPolicy(runtime: WebRuntimeConfig, nonce?: string): string {
  const origin = (url: string) => new URL(url).origin;
  return [
    "default-src 'self'",
    "script-src 'self'",
    nonce === undefined ? "style-src 'self'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${origin(runtime.apiUrl)} ${origin(runtime.issuer)}`,
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    `form-action 'self' ${origin(runtime.issuer)}`,
  ].join('; ');
}
