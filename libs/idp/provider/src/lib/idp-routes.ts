/**
 * The route pattern of a request to the provider, for metrics: oidc-provider's endpoints as this provider enables
 * them, the interaction pages, health and metrics. Anything else is `unmatched`, so the label set stays bounded
 * whatever clients send.
 */
const EXACT = new Set([
  '/.well-known/openid-configuration',
  '/auth',
  '/token',
  '/jwks',
  '/me',
  '/token/revocation',
  '/session/end',
  '/session/end/confirm',
  '/session/end/success',
  '/health',
  '/metrics',
]);
const PATTERNS: [RegExp, string][] = [
  [/^\/auth\/[^/]+$/, '/auth/:uid'],
  [/^\/interaction\/[^/]+$/, '/interaction/:uid'],
  [/^\/interaction\/[^/]+\/(login|confirm|abort)$/, '/interaction/:uid/$1'],
];

export function idpRouteOf(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (EXACT.has(path)) return path;
  for (const [pattern, route] of PATTERNS) {
    const match = pattern.exec(path);
    if (match) return route.replace('$1', match[1] ?? '');
  }
  return 'unmatched';
}
