import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret (an API key, the metrics key) with the configured one in constant time. Both are hashed first, so the comparison
 * takes the same time whatever the presented length (timingSafeEqual needs equal lengths).
 */
export function secretMatches(presented: unknown, expected: string | undefined): boolean {
  if (expected === undefined || expected.length === 0 || typeof presented !== 'string' || presented.length === 0)
    return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** Whether an `Authorization: Bearer <secret>` header carries the configured secret (constant time, as above). */
export function bearerMatches(authorization: unknown, expected: string | undefined): boolean {
  const presented = typeof authorization === 'string' ? /^Bearer (.+)$/.exec(authorization)?.[1] : undefined;
  return secretMatches(presented, expected);
}
