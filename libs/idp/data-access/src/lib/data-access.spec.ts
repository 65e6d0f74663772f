import type { DataSource } from 'typeorm';
import { AccountEntity } from './entities/account.entity';
import { OidcPayloadEntity } from './entities/oidc-payload.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { AccountStore } from './accounts.store';
import { IDP_MIGRATIONS, openIdpDataSource } from './data-source';
import { DataSource as TypeOrmDataSource } from 'typeorm';
import { dataSourceOptions, parseDatabaseUrl } from '@timesheets/server-core';
import { createOidcAdapterClass, purgeExpiredOidcPayloads } from './oidc-adapter';
import { DatabaseLoginAttemptStore } from './login-attempt.store';
import { PASSWORD_HASH_PARAMS } from './password';
import { scryptSync, randomBytes } from 'node:crypto';
import { loadSigningKeys, RETIRED_KEY_RETENTION_MS, rotateSigningKeys } from './signing-keys';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database';
import { DEMO_ACCOUNTS } from '@timesheets/contracts';

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

    it('upgrades a hash made with older parameters at the next successful login, and only then', async () => {
      const store = new AccountStore(ds);
      const repo = ds.getRepository(AccountEntity);
      const created = await store.create({ email: 'olga@example.test', name: 'Olga', password: 'old-password' });
      expect(created.passwordHash.split('$').slice(1, 4).map(Number)).toEqual([
        PASSWORD_HASH_PARAMS.N,
        PASSWORD_HASH_PARAMS.r,
        PASSWORD_HASH_PARAMS.p,
      ]);
      // As an earlier version stored it: scrypt N=2^15, r=8, p=1.
      const salt = randomBytes(16);
      const key = scryptSync('old-password', salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
      const legacy = ['scrypt', 1 << 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
      await repo.update({ id: created.id }, { passwordHash: legacy });

      expect((await store.authenticate('olga@example.test', 'wrong-password')).status).toBe('invalid');
      expect((await repo.findOneByOrFail({ id: created.id })).passwordHash).toBe(legacy);
      expect((await store.authenticate('olga@example.test', 'old-password')).status).toBe('ok');
      const upgraded = (await repo.findOneByOrFail({ id: created.id })).passwordHash;
      expect(upgraded).toMatch(new RegExp(`^scrypt\\$${PASSWORD_HASH_PARAMS.N}\\$8\\$1\\$`));
      expect((await store.authenticate('olga@example.test', 'old-password')).status).toBe('ok');
      expect((await repo.findOneByOrFail({ id: created.id })).passwordHash).toBe(upgraded);
    });

    it('keeps whether an account email is verified: false unless an administrator says so, true for the demo', async () => {
      const store = new AccountStore(ds);
      expect(
        (await store.create({ email: 'uma@example.test', name: 'Uma', password: 'password-1' })).emailVerified,
      ).toBe(false);
      const vouched = await store.create({
        email: 'ida@example.test',
        name: 'Ida',
        password: 'password-1',
        emailVerified: true,
      });
      expect((await store.findById(vouched.id))?.emailVerified).toBe(true);
      await store.setEmailVerified('IDA@example.test', false);
      expect((await store.findById(vouched.id))?.emailVerified).toBe(false);
      expect((await store.findByEmail('uma@example.test'))?.emailVerified).toBe(false);
      await expect(store.setEmailVerified('nobody@example.test', true)).rejects.toThrow(/No account/);
    });

    it('seeds the demo accounts once', async () => {
      const store = new AccountStore(ds);
      expect(await store.seedDemoAccounts('demo-password')).toEqual(DEMO_ACCOUNTS.map((account) => account.email));
      expect(await store.seedDemoAccounts('other-password')).toHaveLength(0);
      expect((await store.findByEmail('carol@exampleco.test'))?.emailVerified).toBe(true);
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

  describe('DatabaseLoginAttemptStore', () => {
    const limits = (account: number, address: number) => [
      { key: 'account:a', max: account },
      { key: 'address:1', max: address },
    ];

    it('reserves per key up to the limit, for both keys or neither, and says when a slot frees', async () => {
      const store = new DatabaseLoginAttemptStore(ds);
      const first = await store.reserve(limits(2, 3), 0, 1000);
      expect(first).toEqual({ granted: true, ids: [expect.any(String), expect.any(String)] });
      expect(await store.reserve(limits(2, 3), 0, 2000)).toMatchObject({ granted: true });
      // The account is full: nothing is recorded for the address either.
      expect(await store.reserve(limits(2, 3), 0, 3000)).toEqual({ granted: false, retryAfterMs: 1000 });
      expect(await store.reserve([{ key: 'address:1', max: 3 }], 0, 3000)).toMatchObject({ granted: true });
      expect(await store.reserve([{ key: 'address:1', max: 3 }], 0, 3000)).toMatchObject({ granted: false });
      // Attempts before `since` no longer count; the window has moved past the first.
      expect(await store.reserve(limits(2, 9), 1000, 4000)).toMatchObject({ granted: true });
      // Released attempts free their slots; clear forgets a key; purge forgets old attempts.
      await store.clear('account:a');
      await store.release(first.granted ? first.ids : []);
      expect(await store.reserve(limits(1, 4), 0, 5000)).toMatchObject({ granted: true });
      await store.purge(10_000);
      expect(await store.reserve(limits(1, 1), 0, 11_000)).toMatchObject({ granted: true });
      await store.purge(20_000);
    });

    it('grants exactly the limit to parallel reservations from two instances', async () => {
      const other = await openIdpDataSource(db.url);
      try {
        const stores = [new DatabaseLoginAttemptStore(ds), new DatabaseLoginAttemptStore(other)];
        const at = Date.now();
        const outcomes = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            stores[i % 2].reserve(
              [
                { key: 'account:race', max: 5 },
                { key: `address:${i % 3}`, max: 20 },
              ],
              at - 60_000,
              at,
            ),
          ),
        );
        expect(outcomes.filter((o) => o.granted)).toHaveLength(5);
      } finally {
        await other.destroy();
      }
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

describe.each(targets)('idp migrations on an existing database (%s)', (_label, postgresUrl) => {
  it('add email_verified: accounts created before count as verified, new ones do not', async () => {
    const db = await createThrowawayDatabase(postgresUrl);
    try {
      // The database as the previous version left it: every migration but the email flag's, one account.
      const before = IDP_MIGRATIONS.findIndex((m) => m.name === 'IdpAccountEmailVerified1764080000000');
      expect(before).toBeGreaterThan(0);
      const old = new TypeOrmDataSource(
        dataSourceOptions(parseDatabaseUrl(db.url), { entities: [], migrations: IDP_MIGRATIONS.slice(0, before) }),
      );
      await old.initialize();
      const p = (i: number) => (postgresUrl ? `$${i}` : '?');
      await old.query(
        `INSERT INTO idp_account (id, email, name, password_hash, blocked, created_at, updated_at) ` +
          `VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${postgresUrl ? 'FALSE' : '0'}, ${p(5)}, ${p(6)})`,
        ['acc-old', 'old@example.test', 'Old', 'scrypt$x', 1, 1],
      );
      await old.destroy();

      const ds = await openIdpDataSource(db.url);
      try {
        const store = new AccountStore(ds);
        expect(await store.findById('acc-old')).toMatchObject({ email: 'old@example.test', emailVerified: true });
        expect((await store.findByEmail('old@example.test'))?.emailVerified).toBe(true);
        const fresh = await store.create({ email: 'new@example.test', name: 'New', password: 'password-1' });
        expect((await store.findById(fresh.id))?.emailVerified).toBe(false);
      } finally {
        await ds.destroy();
      }
    } finally {
      await db.drop();
    }
  });
});
