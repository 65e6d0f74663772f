import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Written with the Table API so the same migration runs on SQLite and PostgreSQL. */
export class IdpInitial1764050000000 implements MigrationInterface {
  name = 'IdpInitial1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'idp_account',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'email', type: 'varchar', length: '320', isUnique: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'password_hash', type: 'varchar', length: '300' },
          { name: 'blocked', type: 'boolean', default: false },
          { name: 'created_at', type: 'bigint' },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'idp_oidc_payload',
        columns: [
          { name: 'model', type: 'varchar', length: '64', isPrimary: true },
          { name: 'id', type: 'varchar', length: '255', isPrimary: true },
          { name: 'payload', type: 'text' },
          { name: 'grant_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'user_code', type: 'varchar', length: '255', isNullable: true },
          { name: 'uid', type: 'varchar', length: '255', isNullable: true },
          { name: 'consumed_at', type: 'bigint', isNullable: true },
          { name: 'expires_at', type: 'bigint', isNullable: true },
        ],
      }),
    );
    for (const [name, column] of [
      ['idx_idp_oidc_payload_grant', 'grant_id'],
      ['idx_idp_oidc_payload_uid', 'uid'],
      ['idx_idp_oidc_payload_user_code', 'user_code'],
      ['idx_idp_oidc_payload_expires', 'expires_at'],
    ]) {
      await queryRunner.createIndex('idp_oidc_payload', new TableIndex({ name, columnNames: [column] }));
    }
    await queryRunner.createTable(
      new Table({
        name: 'idp_signing_key',
        columns: [
          { name: 'kid', type: 'varchar', length: '64', isPrimary: true },
          { name: 'jwk', type: 'text' },
          { name: 'created_at', type: 'bigint' },
          { name: 'retired_at', type: 'bigint', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idp_signing_key');
    await queryRunner.dropTable('idp_oidc_payload');
    await queryRunner.dropTable('idp_account');
  }
}
