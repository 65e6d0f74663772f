import { generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { LessThan, Not, IsNull, type DataSource } from 'typeorm';
import { SigningKeyEntity } from './entities/signing-key.entity';

/**
 * The provider signs with two keys: ES256 for the API's access tokens and the SPA's ID tokens (P-256 signs about 8x
 * faster than RSA-2048 here, and a refresh grant signs both), RS256 for other clients' ID tokens (OpenID Connect's
 * default, the one algorithm every relying party supports). The API verifies both, see its AUTH_ALGORITHMS.
 */
export const SIGNING_ALGORITHMS = ['RS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export type PrivateJwk = JsonWebKey & { kid: string; alg: SigningAlgorithm; use: 'sig'; kty: 'RSA' | 'EC' };

/**
 * How long a retired key stays published: longer than any token signed with it lives
 * (access tokens <= 10 min, ID tokens 1 h), with a margin.
 */
export const RETIRED_KEY_RETENTION_MS = 2 * 60 * 60 * 1000;

function generateSigningKey(alg: SigningAlgorithm, createdAt = Date.now()): SigningKeyEntity {
  const { privateKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomBytes(12).toString('base64url');
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
  return Object.assign(new SigningKeyEntity(), { kid, jwk: JSON.stringify(jwk), createdAt, retiredAt: null });
}

const algOf = (k: SigningKeyEntity): string => (JSON.parse(k.jwk) as { alg?: string }).alg ?? 'RS256';

/**
 * The keys to give oidc-provider: the signing keys first (for each algorithm it signs with the first key of that
 * algorithm), then the retired keys that may still verify live tokens. Generates and stores a key for each algorithm
 * the database has no active key for (the first start; or the first start of a version that added ES256).
 */
export async function loadSigningKeys(dataSource: DataSource, now = Date.now()): Promise<PrivateJwk[]> {
  const repo = dataSource.getRepository(SigningKeyEntity);
  const findActive = () => repo.find({ where: { retiredAt: IsNull() }, order: { createdAt: 'ASC', kid: 'ASC' } });
  let active = await findActive();
  const missing = SIGNING_ALGORITHMS.filter((alg) => !active.some((k) => algOf(k) === alg));
  if (missing.length > 0) {
    await repo.insert(missing.map((alg) => generateSigningKey(alg)));
    active = await findActive();
  }
  const retired = await repo.find({ where: { retiredAt: Not(IsNull()) }, order: { retiredAt: 'DESC' } });
  const published = retired.filter((k) => (k.retiredAt ?? 0) + RETIRED_KEY_RETENTION_MS > now);
  // If two instances raced to create a key, the older one signs everywhere and both are published.
  return [...active, ...published].map((k) => JSON.parse(k.jwk) as PrivateJwk);
}

/** Creates new signing keys (one per algorithm), retires the current ones and deletes keys retired beyond retention. */
export async function rotateSigningKeys(
  dataSource: DataSource,
  now = Date.now(),
): Promise<{ newKids: Record<SigningAlgorithm, string>; retired: string[]; deleted: number }> {
  return dataSource.transaction(async (manager) => {
    const repo = manager.getRepository(SigningKeyEntity);
    const active = await repo.findBy({ retiredAt: IsNull() });
    for (const key of active) await repo.update({ kid: key.kid }, { retiredAt: now });
    const fresh = SIGNING_ALGORITHMS.map((alg) => generateSigningKey(alg, now));
    await repo.insert(fresh);
    const deleted = await repo.delete({ retiredAt: LessThan(now - RETIRED_KEY_RETENTION_MS) });
    return {
      newKids: Object.fromEntries(SIGNING_ALGORITHMS.map((alg, i) => [alg, fresh[i].kid])) as Record<
        SigningAlgorithm,
        string
      >,
      retired: active.map((k) => k.kid),
      deleted: deleted.affected ?? 0,
    };
  });
}
