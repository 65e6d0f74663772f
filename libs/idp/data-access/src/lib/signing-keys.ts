import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { LessThan, Not, IsNull, type DataSource } from 'typeorm';
import { SigningKeyEntity } from './entities/signing-key.entity';

export type PrivateJwk = JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig'; kty: 'RSA' };

/**
 * How long a retired key stays published: longer than any token signed with it lives
 * (access tokens <= 10 min, ID tokens 1 h), with a margin.
 */
export const RETIRED_KEY_RETENTION_MS = 2 * 60 * 60 * 1000;

function generateSigningKey(): SigningKeyEntity {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(12).toString('base64url');
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return Object.assign(new SigningKeyEntity(), {
    kid,
    jwk: JSON.stringify(jwk),
    createdAt: Date.now(),
    retiredAt: null,
  });
}

/**
 * The keys to give oidc-provider, signing key first (it signs with the first RS256 key), then the retired keys that
 * may still verify live tokens. Generates and stores the first key when the database has none.
 */
export async function loadSigningKeys(dataSource: DataSource, now = Date.now()): Promise<PrivateJwk[]> {
  const repo = dataSource.getRepository(SigningKeyEntity);
  let active = await repo.find({ where: { retiredAt: IsNull() }, order: { createdAt: 'ASC', kid: 'ASC' } });
  if (active.length === 0) {
    await repo.insert(generateSigningKey());
    active = await repo.find({ where: { retiredAt: IsNull() }, order: { createdAt: 'ASC', kid: 'ASC' } });
  }
  const retired = await repo.find({ where: { retiredAt: Not(IsNull()) }, order: { retiredAt: 'DESC' } });
  const published = retired.filter((k) => (k.retiredAt ?? 0) + RETIRED_KEY_RETENTION_MS > now);
  // If two instances raced to create the first key, the older one signs everywhere and both are published.
  return [...active, ...published].map((k) => JSON.parse(k.jwk) as PrivateJwk);
}

/** Creates a new signing key, retires the current one(s) and deletes keys retired beyond the retention window. */
export async function rotateSigningKeys(
  dataSource: DataSource,
  now = Date.now(),
): Promise<{ newKid: string; retired: string[]; deleted: number }> {
  return dataSource.transaction(async (manager) => {
    const repo = manager.getRepository(SigningKeyEntity);
    const active = await repo.findBy({ retiredAt: IsNull() });
    for (const key of active) await repo.update({ kid: key.kid }, { retiredAt: now });
    const fresh = generateSigningKey();
    fresh.createdAt = now;
    await repo.insert(fresh);
    const deleted = await repo.delete({ retiredAt: LessThan(now - RETIRED_KEY_RETENTION_MS) });
    return { newKid: fresh.kid, retired: active.map((k) => k.kid), deleted: deleted.affected ?? 0 };
  });
}
