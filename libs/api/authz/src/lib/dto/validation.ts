import { Transform } from 'class-transformer';

export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 500;
/** A permission is an OAuth scope token: printable ASCII without space, quote or backslash (RFC 6749 §3.3). */
export const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
/** Role and group names: no control characters. */
export const PLAIN_NAME = /^[^\p{Cc}]+$/u;

export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
export const Lowercase = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
