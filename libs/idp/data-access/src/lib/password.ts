import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's first scrypt configuration (Password Storage Cheat Sheet): N=2^17, r=8, p=1. One hash or check holds
 * 128 * N * r = 128 MiB while it runs, which is why the provider bounds how many run at once (PasswordCheckLimiter).
 */
export const PASSWORD_HASH_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 1 << 17, r: 8, p: 1 });

const KEY_LENGTH = 32;
/** Stored hashes asking for more than this are refused rather than computed (they are not ours). */
const MAX_BLOCK_MEMORY = 256 * 1024 * 1024;

/** Bytes scrypt allocates for these parameters (OpenSSL: the V array plus the B blocks). */
function memoryOf({ N, r, p }: ScryptParams): number {
  return 128 * r * (N + 2) + 128 * r * p;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const { N, r, p } = params;
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N, r, p, maxmem: memoryOf(params) + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** Hashes a password with scrypt and a fresh 16-byte salt: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = PASSWORD_HASH_PARAMS;
  const key = await derive(password, salt, PASSWORD_HASH_PARAMS);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  // N a power of two above 1; memory within bounds.
  if (N < 2 || (N & (N - 1)) !== 0 || memoryOf({ N, r, p }) > MAX_BLOCK_MEMORY) return null;
  const key = Buffer.from(parts[5], 'base64url');
  if (key.length !== KEY_LENGTH) return null;
  return { params: { N, r, p }, salt: Buffer.from(parts[4], 'base64url'), key };
}

/** Compares in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return timingSafeEqual(actual, parsed.key);
}

/** True when a stored hash was made with other parameters than today's: rehash it at the next successful login. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.params;
  return N !== PASSWORD_HASH_PARAMS.N || r !== PASSWORD_HASH_PARAMS.r || p !== PASSWORD_HASH_PARAMS.p;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check, for unknown emails, so response time does not reveal
 * whether an account exists. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}

/** The minimum password length enforced by the accounts tool and the demo seed. */
export const MIN_PASSWORD_LENGTH = 8;
