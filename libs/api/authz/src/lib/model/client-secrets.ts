import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Secrets the API issues: `mcs_` and 43 base64url characters (256 random bits). The prefix lets secret scanners find them. */
export const CLIENT_SECRET_PATTERN = /^mcs_[A-Za-z0-9_-]{43}$/;

export function newClientId(): string {
  return `mc_${randomBytes(16).toString('base64url')}`;
}

export function newClientSecret(): string {
  return `mcs_${randomBytes(32).toString('base64url')}`;
}

/**
 * What is stored of a secret: its SHA-256, hex. Not a password hash (scrypt, argon2), on purpose: the secret is 256
 * random bits the API generated, never a word a person chose, so a guess costs 2^255 tries on average however fast
 * the hash is; a password hash's work factor adds nothing to that and would cost ~0.4 s of CPU and 128 MiB at every
 * token request (the provider's N=2^17 scrypt), which makes the token endpoint a lever for exhausting the API.
 */
export function clientSecretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const DUMMY = clientSecretHash(newClientSecret());

/**
 * Whether `presented` is one of the secrets whose hashes are given, in constant time: every hash is compared (no
 * early exit), and a client with no live secret is compared with a dummy so that its answer takes as long.
 */
export function clientSecretMatches(presented: string, hashes: readonly string[]): boolean {
  const digest = Buffer.from(clientSecretHash(presented), 'hex');
  let match = false;
  for (const hash of hashes.length > 0 ? hashes : [DUMMY]) {
    const stored = Buffer.from(hash, 'hex');
    // Stored hashes are always 32 bytes; a damaged row cannot throw (timingSafeEqual needs equal lengths).
    const equal = stored.length === digest.length && timingSafeEqual(stored, digest);
    match = equal || match;
  }
  return match && hashes.length > 0;
}
