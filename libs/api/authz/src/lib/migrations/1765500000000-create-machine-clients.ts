import { randomUUID } from 'node:crypto';
import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Machine clients and their hashed secrets, and the `manage:clients` permission (given to the seeded admin role if it
 * still exists under its name). Machine scopes (`import:timesheets`) are not people's permissions and get no row.
 */
export class CreateMachineClients1765500000000 implements MigrationInterface {
  name = 'CreateMachineClients1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'authz_machine_clients',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'scopes', type: 'varchar', length: '500' },
          { name: 'import_status', type: 'varchar', length: '16' },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'created_by', type: 'varchar', length: '320', isNullable: true },
          { name: 'revoked_at', type: 'varchar', length: '32', isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'authz_client_secrets',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'client_id', type: 'varchar', length: '36' },
          { name: 'secret_hash', type: 'varchar', length: '64' },
          { name: 'issued_at', type: 'varchar', length: '32' },
          { name: 'expires_at', type: 'varchar', length: '32', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'idx_authz_client_secrets_client', columnNames: ['client_id'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['client_id'],
            referencedTableName: 'authz_machine_clients',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    const p = (n: number) => (q.connection.options.type === 'postgres' ? `$${n}` : '?');
    const one = async (sql: string, params: unknown[]) =>
      ((await q.query(sql, params)) as { id: string }[])[0]?.id ?? null;
    let permissionId = await one(`SELECT id FROM authz_permissions WHERE name = ${p(1)}`, ['manage:clients']);
    if (!permissionId) {
      permissionId = randomUUID();
      await q.query(`INSERT INTO authz_permissions (id, name, description) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
        permissionId,
        'manage:clients',
        'Register machine clients, rotate their secrets and revoke them',
      ]);
    }
    const roleId = await one(`SELECT id FROM authz_roles WHERE name = ${p(1)}`, ['admin']);
    if (roleId) {
      const linked = await one(
        `SELECT role_id AS id FROM authz_role_permissions WHERE role_id = ${p(1)} AND permission_id = ${p(2)}`,
        [roleId, permissionId],
      );
      if (!linked)
        await q.query(`INSERT INTO authz_role_permissions (role_id, permission_id) VALUES (${p(1)}, ${p(2)})`, [
          roleId,
          permissionId,
        ]);
    }
    const reworded = [
      'Administers users, roles, groups, permissions, customers, projects and the period lock',
      'Administers users, roles, groups, permissions, customers, projects, the period lock and machine clients',
    ];
    await q.query(`UPDATE authz_roles SET description = ${p(1)} WHERE name = ${p(2)} AND description = ${p(3)}`, [
      reworded[1],
      'admin',
      reworded[0],
    ]);
    await q.query('UPDATE authz_state SET version = version + 1 WHERE id = 1');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('authz_client_secrets');
    await q.dropTable('authz_machine_clients');
  }
}
