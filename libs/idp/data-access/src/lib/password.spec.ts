import { hashPassword, needsRehash, PASSWORD_HASH_PARAMS, verifyAgainstDummy, verifyPassword } from './password';

describe('password hashing', () => {
  it("hashes with OWASP's scrypt parameters (N=2^17, r=8, p=1) and a per-user salt, and verifies", async () => {
    expect(PASSWORD_HASH_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('correct horse', a)).resolves.toBe(true);
    await expect(verifyPassword('correct horsE', a)).resolves.toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('still verifies older hashes and marks them for an upgrade', async () => {
    // "correct horse" hashed by an earlier version (N=2^15).
    const legacy = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + (await legacyKey('correct horse'));
    await expect(verifyPassword('correct horse', legacy)).resolves.toBe(true);
    expect(needsRehash(legacy)).toBe(true);
  });

  it('rejects malformed or oversized hashes without throwing', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$0$8$1$aa$bb')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$32768$8$1$aa$bb')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$1000$8$1$aa$' + 'A'.repeat(43))).resolves.toBe(false);
    // 1 GiB of scrypt memory is refused rather than attempted.
    await expect(verifyPassword('x', `scrypt$${1 << 20}$8$1$aa$${'A'.repeat(43)}`)).resolves.toBe(false);
    expect(needsRehash('plain')).toBe(false);
  });

  it('the dummy check is always false', async () => {
    await expect(verifyAgainstDummy('anything')).resolves.toBe(false);
  });
});

async function legacyKey(password: string): Promise<string> {
  const { scryptSync } = await import('node:crypto');
  const salt = Buffer.from('AAAAAAAAAAAAAAAAAAAAAA', 'base64url');
  return scryptSync(password, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64url');
}
