import { DataSource } from 'typeorm';
import { dataSourceOptions, parseDatabaseUrl } from '@timesheets/server-core';
import { AccountEntity } from './entities/account.entity';
import { OidcPayloadEntity } from './entities/oidc-payload.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { LoginFailureEntity } from './entities/login-failure.entity';
import { IdpInitial1764050000000 } from './migrations/1764050000000-idp-initial';
import { IdpLoginFailures1764060000000 } from './migrations/1764060000000-idp-login-failures';
import { IdpPartialLookupIndexes1764070000000 } from './migrations/1764070000000-idp-partial-lookup-indexes';
import { IdpAccountEmailVerified1764080000000 } from './migrations/1764080000000-idp-account-email-verified';

export const IDP_ENTITIES = [AccountEntity, OidcPayloadEntity, SigningKeyEntity, LoginFailureEntity];
export const IDP_MIGRATIONS = [
  IdpInitial1764050000000,
  IdpLoginFailures1764060000000,
  IdpPartialLookupIndexes1764070000000,
  IdpAccountEmailVerified1764080000000,
];

/** Opens the provider's database and runs its migrations. */
export async function openIdpDataSource(databaseUrl: string, options: { logging?: boolean } = {}): Promise<DataSource> {
  const dataSource = new DataSource(
    dataSourceOptions(parseDatabaseUrl(databaseUrl), {
      entities: IDP_ENTITIES,
      migrations: IDP_MIGRATIONS,
      logging: options.logging,
    }),
  );
  await dataSource.initialize();
  return dataSource;
}
