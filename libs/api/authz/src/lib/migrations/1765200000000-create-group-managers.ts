import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** Group managers: who approves the timesheets of a group's members. Rows go away with the group or the user. */
export class CreateGroupManagers1765200000000 implements MigrationInterface {
  name = 'CreateGroupManagers1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const cascade = (column: string, table: string) =>
      new TableForeignKey({
        columnNames: [column],
        referencedTableName: table,
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      });
    await q.createTable(
      new Table({
        name: 'authz_group_managers',
        columns: [
          { name: 'group_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
        ],
        // "Which groups does this user manage" is asked at every approval request.
        indices: [new TableIndex({ name: 'idx_authz_group_managers_user_id', columnNames: ['user_id'] })],
        foreignKeys: [cascade('group_id', 'authz_groups'), cascade('user_id', 'authz_users')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('authz_group_managers');
  }
}
