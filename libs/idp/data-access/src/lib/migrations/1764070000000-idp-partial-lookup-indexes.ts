import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

const TABLE = 'idp_oidc_payload';
const INDEXES: [name: string, column: string][] = [
  ['idx_idp_oidc_payload_uid', 'uid'],
  ['idx_idp_oidc_payload_user_code', 'user_code'],
];

/**
 * Only sessions have a `uid` and only device codes a `user_code`; every other row (refresh tokens, grants, codes,
 * interactions) used to add a NULL entry to both indexes on every write. Partial indexes skip those rows; lookups
 * (`uid = ?`, `user_code = ?`) imply IS NOT NULL, so both SQLite and PostgreSQL still use them.
 */
export class IdpPartialLookupIndexes1764070000000 implements MigrationInterface {
  name = 'IdpPartialLookupIndexes1764070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, column] of INDEXES) {
      await queryRunner.dropIndex(TABLE, name);
      await queryRunner.createIndex(
        TABLE,
        new TableIndex({ name, columnNames: [column], where: `${column} IS NOT NULL` }),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, column] of INDEXES) {
      await queryRunner.dropIndex(TABLE, name);
      await queryRunner.createIndex(TABLE, new TableIndex({ name, columnNames: [column] }));
    }
  }
}
