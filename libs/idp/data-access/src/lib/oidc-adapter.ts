import { LessThan, type DataSource, type Repository } from 'typeorm';
import { OidcPayloadEntity } from './entities/oidc-payload.entity';

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
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

export type OidcAdapterClass = new (model: string) => OidcAdapter;

/**
 * Returns an adapter class bound to a data source. Every model shares one table keyed by (model, id), so sessions,
 * grants and refresh tokens survive restarts and are seen by every instance using the same database.
 */
export function createOidcAdapterClass(dataSource: DataSource): OidcAdapterClass {
  const repo: Repository<OidcPayloadEntity> = dataSource.getRepository(OidcPayloadEntity);

  const live = (row: OidcPayloadEntity | null): AdapterPayload | undefined => {
    if (!row || (row.expiresAt !== null && row.expiresAt <= Date.now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (row.consumedAt !== null) payload.consumed = Math.floor(row.consumedAt / 1000);
    return payload;
  };

  return class TypeOrmOidcAdapter implements OidcAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      await repo.upsert(
        {
          model: this.model,
          id,
          payload: JSON.stringify(payload),
          grantId: payload.grantId ?? null,
          userCode: payload.userCode ?? null,
          uid: payload.uid ?? null,
          consumedAt: typeof payload.consumed === 'number' ? payload.consumed * 1000 : null,
          expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : null,
        },
        ['model', 'id'],
      );
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return live(await repo.findOneBy({ model: this.model, id }));
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return live(await repo.findOneBy({ model: this.model, userCode }));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return live(await repo.findOneBy({ model: this.model, uid }));
    }

    async consume(id: string): Promise<void> {
      await repo.update({ model: this.model, id }, { consumedAt: Date.now() });
    }

    async destroy(id: string): Promise<void> {
      await repo.delete({ model: this.model, id });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      // Every token of the grant, whatever its model, plus the grant itself.
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
