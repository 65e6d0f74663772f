/**
 * Explicit typing of access tokens (RFC 9068 §2.1 and §4, RFC 8725 §3.11): a JWT is accepted as an access token only
 * when its `typ` header names one of the configured media types. That keeps an ID token (or any other JWT the issuer
 * signs) from being replayed as an access token just because its `aud` happens to name the API.
 *
 * Media types compare case-insensitively (RFC 2045 §5.1), and a `typ` without a slash stands for `application/<typ>`
 * (RFC 7515 §4.1.9), so `at+jwt`, `AT+JWT` and `application/at+jwt` are the same type.
 */

/** The type RFC 9068 gives JWT access tokens (the embedded provider, Auth0's RFC 9068 profile, Keycloak with the option on). */
export const DEFAULT_TOKEN_TYPES: readonly string[] = ['at+jwt'];

/** RFC 6838 §4.2 restricted-name characters, optionally as type/subtype. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(?:\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126})?$/i;

/** The canonical form of a `typ` value: lower case, without the implied `application/` prefix; null when malformed. */
export function normalizeTokenType(typ: unknown): string | null {
  if (typeof typ !== 'string' || !MEDIA_TYPE.test(typ)) return null;
  const lower = typ.toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}

/**
 * True when the header's `typ` is one of `accepted` (already normalised). A missing `typ` is accepted only when the
 * type is not required; a `typ` that is present but null or not a string never is.
 */
export function isAcceptedTokenType(typ: unknown, accepted: readonly string[], required = true): boolean {
  if (typ === undefined) return !required;
  const normalized = normalizeTokenType(typ);
  return normalized !== null && accepted.includes(normalized);
}
