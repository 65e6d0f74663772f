import type { DataSource } from 'typeorm';
import { AccountEntity } from './entities/account.entity';
import { OidcPayloadEntity } from './entities/oidc-payload.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { AccountStore } from './accounts.store';
import { openIdpDataSource } from './data-source';
import { createOidcAdapterClass, purgeExpiredOidcPayloads } from './oidc-adapter';
import { DatabaseFailureStore } from './login-failure.store';
import { loadSigningKeys, RETIRED_KEY_RETENTION_MS, rotateSigningKeys } from './signing-keys';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database';

const targets: [string, string | undefined][] = [
  ['sqlite file', undefined],
  ...(process.env['TEST_POSTGRES_URL'] ? [['postgres', process.env['TEST_POSTGRES_URL']] as [string, string]] : []),
];

describe.each(targets)('idp data access (%s)', (_label, postgresUrl) => {
  let db: ThrowawayDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createThrowawayDatabase(postgresUrl);
    ds = await openIdpDataSource(db.url);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('migrations build the storage table and its (partial) indexes exactly as the entity describes them', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((q) => q.includes('idp_oidc_payload'))).toEqual([]);
    const indexes = (await ds.createQueryRunner().getTable('idp_oidc_payload'))?.indices ?? [];
    expect(Object.fromEntries(indexes.map((i) => [i.name, i.where || null]))).toMatchObject({
      idx_idp_oidc_payload_uid: expect.stringMatching(/uid.* IS NOT NULL/i),
      idx_idp_oidc_payload_user_code: expect.stringMatching(/user_code.* IS NOT NULL/i),
      idx_idp_oidc_payload_grant: null,
    });
  });

  describe('AccountStore', () => {
    it('creates lowercase unique accounts and authenticates', async () => {
      const store = new AccountStore(ds);
      const created = await store.create({ email: 'Dave@Example.TEST', name: 'Dave', password: 'password-1' });
      expect(created.email).toBe('dave@example.test');
      await expect(store.create({ email: 'dave@example.test', name: 'D', password: 'password-1' })).rejects.toThrow(
        /already exists/,
      );
      expect((await store.authenticate('DAVE@example.test', 'password-1')).status).toBe('ok');
      expect((await store.authenticate('dave@example.test', 'wrong-pass')).status).toBe('invalid');
      expect((await store.authenticate('nobody@example.test', 'password-1')).status).toBe('invalid');
      await store.setBlocked('dave@example.test', true);
      expect((await store.authenticate('dave@example.test', 'password-1')).status).toBe('blocked');
      await store.setBlocked('dave@example.test', false);
      await store.setPassword('dave@example.test', 'password-2');
      expect((await store.authenticate('dave@example.test', 'password-1')).status).toBe('invalid');
      expect((await store.authenticate('dave@example.test', 'password-2')).status).toBe('ok');
      await expect(store.setPassword('dave@example.test', 'short')).rejects.toThrow(/at least 8/);
    });

    it('seeds the demo accounts once', async () => {
      const store = new AccountStore(ds);
      expect(await store.seedDemoAccounts('demo-password')).toHaveLength(3);
      expect(await store.seedDemoAccounts('other-password')).toHaveLength(0);
      expect((await store.authenticate('alice@exampleco.test', 'demo-password')).status).toBe('ok');
    });

    it('finds by id exactly what TypeORM maps, blocked or not', async () => {
      const store = new AccountStore(ds);
      const created = await store.create({ email: 'erin@example.test', name: 'Erin', password: 'password-1' });
      const repo = ds.getRepository(AccountEntity);
      expect(await store.findById(created.id)).toEqual(await repo.findOneBy({ id: created.id }));
      expect((await store.findById(created.id))?.blocked).toBe(false);
      await store.setBlocked('erin@example.test', true);
      expect((await store.findById(created.id))?.blocked).toBe(true);
      expect(await store.findById(created.id)).toEqual(await repo.findOneBy({ id: created.id }));
      expect(await store.findById('no-such-account')).toBeNull();
    });
  });

  describe('oidc adapter', () => {
    it('stores, finds, consumes, expires and revokes by grant', async () => {
      const Adapter = createOidcAdapterClass(ds);
      const rt = new Adapter('RefreshToken');
      const session = new Adapter('Session');
      await rt.upsert('rt1', { kind: 'RefreshToken', grantId: 'g1' }, 60);
      await rt.upsert('rt2', { kind: 'RefreshToken', grantId: 'g2' }, 60);
      await session.upsert('s1', { kind: 'Session', uid: 'u1' }, 60);
      await new Adapter('Grant').upsert('g1', { kind: 'Grant' }, 60);
      expect(await rt.find('rt1')).toEqual({ kind: 'RefreshToken', grantId: 'g1' });
      expect(await new Adapter('AccessToken').find('rt1')).toBeUndefined();
      expect(await session.findByUid('u1')).toEqual({ kind: 'Session', uid: 'u1' });

      await rt.consume('rt1');
      expect((await rt.find('rt1'))?.consumed).toEqual(expect.any(Number));

      await rt.upsert('rt1', { kind: 'RefreshToken', grantId: 'g1', extra: true }, 60);
      expect((await rt.find('rt1'))?.['extra']).toBe(true);

      await rt.revokeByGrantId('g1');
      expect(await rt.find('rt1')).toBeUndefined();
      expect(await new Adapter('Grant').find('g1')).toBeUndefined();
      expect(await rt.find('rt2')).toBeDefined();

      await rt.upsert('old', { kind: 'RefreshToken' }, 1);
      await rt.destroy('rt2');
      expect(await rt.find('rt2')).toBeUndefined();
      expect(await rt.find('old')).toBeDefined();
      expect(await purgeExpiredOidcPayloads(ds, Date.now() + 2000)).toBeGreaterThanOrEqual(1);
      expect(await rt.find('old')).toBeUndefined();
    });

    it('finds by user code, keeps consumed through upserts and ignores expired rows', async () => {
      const Adapter = createOidcAdapterClass(ds);
      const device = new Adapter('DeviceCode');
      await device.upsert('d1', { kind: 'DeviceCode', userCode: 'ABCD-EFGH' }, 60);
      expect(await device.findByUserCode('ABCD-EFGH')).toEqual({ kind: 'DeviceCode', userCode: 'ABCD-EFGH' });
      expect(await new Adapter('Session').findByUserCode('ABCD-EFGH')).toBeUndefined();

      const consumed = Math.floor(Date.now() / 1000);
      await device.upsert('d2', { kind: 'DeviceCode', consumed }, 60);
      expect((await device.find('d2'))?.consumed).toBe(consumed);

      await device.upsert('gone', { kind: 'DeviceCode', uid: 'u-gone' }, 60);
      await ds
        .getRepository(OidcPayloadEntity)
        .update({ model: 'DeviceCode', id: 'gone' }, { expiresAt: Date.now() - 1 });
      expect(await device.find('gone')).toBeUndefined();
      expect(await device.findByUid('u-gone')).toBeUndefined();

      await device.upsert('forever', { kind: 'DeviceCode' }, 0);
      expect(await device.find('forever')).toEqual({ kind: 'DeviceCode' });
    });

    it('writes the rows TypeORM reads, and reads the rows TypeORM writes', async () => {
      const Adapter = createOidcAdapterClass(ds);
      const repo = ds.getRepository(OidcPayloadEntity);
      const before = Date.now();
      await new Adapter('RefreshToken').upsert('x1', { kind: 'RefreshToken', grantId: 'gx', uid: 'ux' }, 60);
      await new Adapter('RefreshToken').consume('x1');
      const row = await repo.findOneByOrFail({ model: 'RefreshToken', id: 'x1' });
      expect(row).toMatchObject({ grantId: 'gx', uid: 'ux', userCode: null });
      expect(JSON.parse(row.payload)).toEqual({ kind: 'RefreshToken', grantId: 'gx', uid: 'ux' });
      expect(row.expiresAt).toBeGreaterThanOrEqual(before + 60_000);
      expect(row.expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
      expect(row.consumedAt).toBeGreaterThanOrEqual(before);

      await repo.insert({
        model: 'Grant',
        id: 'gy',
        payload: JSON.stringify({ kind: 'Grant', accountId: 'a' }),
        grantId: null,
        userCode: null,
        uid: null,
        consumedAt: 5000,
        expiresAt: Date.now() + 60_000,
      });
      expect(await new Adapter('Grant').find('gy')).toEqual({ kind: 'Grant', accountId: 'a', consumed: 5 });
      await new Adapter('Grant').destroy('gy');
      expect(await repo.findOneBy({ model: 'Grant', id: 'gy' })).toBeNull();
    });
  });

  describe('DatabaseFailureStore', () => {
    it('keeps failure times per key, clears and purges them', async () => {
      const store = new DatabaseFailureStore(ds);
      await store.add('account:a', 1000);
      await store.add('account:a', 3000);
      await store.add('account:b', 2000);
      expect(await store.recent('account:a', 0)).toEqual([1000, 3000]);
      expect(await store.recent('account:a', 1000)).toEqual([3000]);
      await store.purge(2500);
      expect(await store.recent('account:a', 0)).toEqual([3000]);
      expect(await store.recent('account:b', 0)).toEqual([]);
      await store.clear('account:a');
      expect(await store.recent('account:a', 0)).toEqual([]);
    });
  });

  describe('signing keys', () => {
    it('creates an RS256 and an ES256 key on first load and keeps them', async () => {
      const first = await loadSigningKeys(ds);
      expect(first).toHaveLength(2);
      const rsa = first.find((k) => k.alg === 'RS256');
      const ec = first.find((k) => k.alg === 'ES256');
      expect(rsa).toMatchObject({ kty: 'RSA', use: 'sig', kid: expect.any(String), d: expect.any(String) });
      expect(ec).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'sig', kid: expect.any(String), d: expect.any(String) });
      expect((await loadSigningKeys(ds)).map((k) => k.kid)).toEqual(first.map((k) => k.kid));
    });

    it('adds the ES256 key to a database that has only an RS256 key (an upgrade), keeping the RS256 key', async () => {
      const keys0 = await loadSigningKeys(ds);
      const rsaOnly = keys0.find((k) => k.alg === 'RS256');
      await ds.getRepository(SigningKeyEntity).delete({ kid: keys0.find((k) => k.alg === 'ES256')?.kid });
      expect(await ds.getRepository(SigningKeyEntity).count()).toBe(1);
      const keys = await loadSigningKeys(ds);
      expect(keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
      expect(keys.find((k) => k.alg === 'RS256')?.kid).toBe(rsaOnly?.kid);
    });

    it('rotates: new keys sign, the previous stay published until the retention ends', async () => {
      const before = await loadSigningKeys(ds);
      const now = Date.now();
      const result = await rotateSigningKeys(ds, now);
      expect(result.retired.sort()).toEqual(before.map((k) => k.kid).sort());
      const after = await loadSigningKeys(ds, now);
      const fresh = [result.newKids.RS256, result.newKids.ES256];
      // The signing keys come first: for each algorithm, oidc-provider signs with the first key of it.
      expect(
        after
          .slice(0, 2)
          .map((k) => k.kid)
          .sort(),
      ).toEqual([...fresh].sort());
      expect(
        after
          .slice(2)
          .map((k) => k.kid)
          .sort(),
      ).toEqual(result.retired.sort());
      expect(after.find((k) => k.kid === result.newKids.ES256)?.alg).toBe('ES256');
      expect((await loadSigningKeys(ds, now + RETIRED_KEY_RETENTION_MS + 1)).map((k) => k.kid).sort()).toEqual(
        [...fresh].sort(),
      );
    });
  });
});
