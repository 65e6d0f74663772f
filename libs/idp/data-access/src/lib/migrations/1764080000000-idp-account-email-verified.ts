import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Whether the provider has verified that an account's owner controls its email. The API lets a new subject claim a
 * pre-provisioned user (bootstrap admins included) only when the provider says so.
 *
 * Accounts that exist already get true: until now the provider asserted `email_verified: true` for every account,
 * and every account was created by an administrator (tools/idp/accounts.ts) or by the demo seed; turning them to
 * false would silently cut users who have not signed in yet off from the access prepared for them. New accounts get
 * false unless the administrator says otherwise (`accounts.ts add ... --email-verified`, `verify-email`).
 */
export class IdpAccountEmailVerified1764080000000 implements MigrationInterface {
  name = 'IdpAccountEmailVerified1764080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'idp_account',
      new TableColumn({ name: 'email_verified', type: 'boolean', default: false }),
    );
    // A boolean literal each engine takes (better-sqlite3 binds no booleans; SQLite stores them as 1).
    const yes = queryRunner.connection.driver.options.type === 'postgres' ? 'TRUE' : '1';
    await queryRunner.query(`UPDATE idp_account SET email_verified = ${yes}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('idp_account', 'email_verified');
  }
}
