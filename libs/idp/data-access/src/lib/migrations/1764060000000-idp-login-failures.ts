import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Failed logins in the database, so every instance throttles against the same counts. */
export class IdpLoginFailures1764060000000 implements MigrationInterface {
  name = 'IdpLoginFailures1764060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'idp_login_failure',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'key', type: 'varchar', length: '400' },
          { name: 'at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'idp_login_failure',
      new TableIndex({ name: 'idx_idp_login_failure_key_at', columnNames: ['key', 'at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idp_login_failure');
  }
}
