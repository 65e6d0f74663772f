import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * One row holding the authorization data's version (see authz-version.ts): API instances poll it to know when their
 * cached access is stale, instead of re-reading every user's access every few seconds.
 */
export class CreateAuthzState1764200000000 implements MigrationInterface {
  name = 'CreateAuthzState1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'authz_state',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'version', type: 'bigint', default: 0 },
        ],
      }),
    );
    await q.query('INSERT INTO authz_state (id, version) VALUES (1, 0)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('authz_state');
  }
}
