import { LessThan, type DataSource, type Repository } from 'typeorm';
import { OidcPayloadEntity } from './entities/oidc-payload.entity';
import { sqliteConnectionOf, type SqliteConnection, type SqliteStatement } from './sqlite-connection';

/** The shape oidc-provider stores (kept loose on purpose: the provider owns it). */
export type AdapterPayload = Record<string, unknown> & {
  grantId?: string;
  userCode?: string;
  uid?: string;
  consumed?: number;
};

/** oidc-provider's Adapter interface, implemented over one TypeORM table. */
export interface OidcAdapter {
  upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
  find(id: string): Promise<AdapterPayload | undefined>;
  findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
  findByUid(uid: string): Promise<AdapterPayload | undefined>;
  /** Marks the row consumed; throws AlreadyConsumedError when it was consumed already (or is gone). */
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

export type OidcAdapterClass = new (model: string) => OidcAdapter;

/**
 * A consume that lost: another request consumed the same code or refresh token first (or it was revoked meanwhile).
 * oidc-provider checks `consumed` on the row it read and then consumes unconditionally, so two parallel requests with
 * one token both pass its check; only the storage can tell which one came second. The caller treats it as a replay.
 */
export class AlreadyConsumedError extends Error {
  constructor(
    readonly model: string,
    /** The grant the row belongs to, when the row still exists. */
    readonly grantId: string | undefined,
  ) {
    super(`${model} already consumed`);
    this.name = 'AlreadyConsumedError';
  }
}

type StoredRow = Pick<OidcPayloadEntity, 'payload' | 'consumedAt' | 'expiresAt'>;

const COLUMNS = 'payload, consumed_at AS consumedAt, expires_at AS expiresAt';

/** The adapter's SQL on SQLite, prepared once per connection. */
interface SqliteAdapterStatements {
  find: SqliteStatement;
  findByUid: SqliteStatement;
  findByUserCode: SqliteStatement;
  upsert: SqliteStatement;
  consume: SqliteStatement;
  grantOf: SqliteStatement;
  destroy: SqliteStatement;
  revokeByGrantId: (grantId: string) => void;
}

const prepared = new WeakMap<SqliteConnection, SqliteAdapterStatements>();

function sqliteStatements(db: SqliteConnection): SqliteAdapterStatements {
  let statements = prepared.get(db);
  if (!statements) {
    const deleteByGrant = db.prepare('DELETE FROM idp_oidc_payload WHERE grant_id = ?');
    const deleteGrant = db.prepare("DELETE FROM idp_oidc_payload WHERE model = 'Grant' AND id = ?");
    statements = {
      find: db.prepare(`SELECT ${COLUMNS} FROM idp_oidc_payload WHERE model = ? AND id = ?`),
      findByUid: db.prepare(`SELECT ${COLUMNS} FROM idp_oidc_payload WHERE model = ? AND uid = ? LIMIT 1`),
      findByUserCode: db.prepare(`SELECT ${COLUMNS} FROM idp_oidc_payload WHERE model = ? AND user_code = ? LIMIT 1`),
      upsert: db.prepare(
        'INSERT INTO idp_oidc_payload (model, id, payload, grant_id, user_code, uid, consumed_at, expires_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, ' +
          'grant_id = excluded.grant_id, user_code = excluded.user_code, uid = excluded.uid, ' +
          'consumed_at = excluded.consumed_at, expires_at = excluded.expires_at',
      ),
      // Conditional: of two requests consuming one row, exactly one changes it.
      consume: db.prepare(
        'UPDATE idp_oidc_payload SET consumed_at = ? WHERE model = ? AND id = ? AND consumed_at IS NULL',
      ),
      grantOf: db.prepare('SELECT grant_id AS grantId FROM idp_oidc_payload WHERE model = ? AND id = ?'),
      destroy: db.prepare('DELETE FROM idp_oidc_payload WHERE model = ? AND id = ?'),
      // Both deletes or neither.
      revokeByGrantId: db.transaction((grantId: string) => {
        deleteByGrant.run(grantId);
        deleteGrant.run(grantId);
      }),
    };
    prepared.set(db, statements);
  }
  return statements;
}

/**
 * Returns an adapter class bound to a data source. Every model shares one table keyed by (model, id), so sessions,
 * grants and refresh tokens survive restarts and are seen by every instance using the same database.
 *
 * On SQLite the adapter runs prepared statements on TypeORM's one better-sqlite3 connection (each refresh-token grant
 * costs several of these calls, and TypeORM's query building used to cost more than SQLite itself); on PostgreSQL it
 * goes through TypeORM's repository. Both read and write the same rows the same way.
 */
export function createOidcAdapterClass(dataSource: DataSource): OidcAdapterClass {
  const repo: Repository<OidcPayloadEntity> = dataSource.getRepository(OidcPayloadEntity);
  const sqlite = (): SqliteAdapterStatements | null => {
    const db = sqliteConnectionOf(dataSource);
    return db ? sqliteStatements(db) : null;
  };

  const live = (row: StoredRow | null | undefined): AdapterPayload | undefined => {
    if (!row || (row.expiresAt !== null && row.expiresAt <= Date.now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (row.consumedAt !== null) payload.consumed = Math.floor(row.consumedAt / 1000);
    return payload;
  };

  return class TypeOrmOidcAdapter implements OidcAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        consumedAt: typeof payload.consumed === 'number' ? payload.consumed * 1000 : null,
        expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null,
      };
      const s = sqlite();
      if (s) {
        s.upsert.run(row.model, id, row.payload, row.grantId, row.userCode, row.uid, row.consumedAt, row.expiresAt);
        return;
      }
      await repo.upsert(row, ['model', 'id']);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      const s = sqlite();
      if (s) return live(s.find.get(this.model, id) as StoredRow | undefined);
      return live(await repo.findOneBy({ model: this.model, id }));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const s = sqlite();
      if (s) return live(s.findByUserCode.get(this.model, userCode) as StoredRow | undefined);
      return live(await repo.findOneBy({ model: this.model, userCode }));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const s = sqlite();
      if (s) return live(s.findByUid.get(this.model, uid) as StoredRow | undefined);
      return live(await repo.findOneBy({ model: this.model, uid }));
    }

    /**
     * Consumes only what is not consumed yet: one UPDATE ... WHERE consumed_at IS NULL, atomic on either engine, so
     * of several requests (on one instance or several sharing the database) exactly one wins.
     */
    async consume(id: string): Promise<void> {
      const s = sqlite();
      if (s) {
        if (s.consume.run(Date.now(), this.model, id).changes === 1) return;
        const row = s.grantOf.get(this.model, id) as { grantId: string | null } | undefined;
        throw new AlreadyConsumedError(this.model, row?.grantId ?? undefined);
      }
      const result = await repo
        .createQueryBuilder()
        .update()
        .set({ consumedAt: Date.now() })
        .where('model = :model AND id = :id AND consumed_at IS NULL', { model: this.model, id })
        .execute();
      if (result.affected === 1) return;
      const row = await repo.findOne({ select: { grantId: true }, where: { model: this.model, id } });
      throw new AlreadyConsumedError(this.model, row?.grantId ?? undefined);
    }

    async destroy(id: string): Promise<void> {
      const s = sqlite();
      if (s) {
        s.destroy.run(this.model, id);
        return;
      }
      await repo.delete({ model: this.model, id });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      // Every token of the grant, whatever its model, plus the grant itself.
      const s = sqlite();
      if (s) {
        s.revokeByGrantId(grantId);
        return;
      }
      await repo.delete({ grantId });
      await repo.delete({ model: 'Grant', id: grantId });
    }
  };
}

/** Deletes expired rows; returns how many. */
export async function purgeExpiredOidcPayloads(dataSource: DataSource, now = Date.now()): Promise<number> {
  const result = await dataSource.getRepository(OidcPayloadEntity).delete({ expiresAt: LessThan(now) });
  return result.affected ?? 0;
}
