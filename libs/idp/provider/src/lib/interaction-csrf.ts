import { createHmac, timingSafeEqual } from 'node:crypto';

/** CSRF token bound to one interaction: an HMAC of its uid under a server secret. */
export function csrfToken(secret: string, uid: string): string {
  return createHmac('sha256', secret).update(`csrf:${uid}`).digest('base64url');
}

export function verifyCsrf(secret: string, uid: string, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(csrfToken(secret, uid));
  const actual = Buffer.from(token);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
