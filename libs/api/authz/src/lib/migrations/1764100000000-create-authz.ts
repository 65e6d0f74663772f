import { randomUUID } from 'node:crypto';
import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const ref = (name: string) => ({ name, type: 'varchar', length: '36', isPrimary: true });
const cascade = (column: string, table: string) =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  });

/**
 * The seed as it was when this migration was written (later scopes and roles come with later migrations), so that a
 * database built by these migrations is the same whenever they run.
 */
const SCOPES: readonly (readonly [string, string])[] = [
  ['read:timesheets', 'Read your timesheet entries'],
  ['create:timesheets', 'Create and edit your timesheet entries'],
  ['delete:timesheets', 'Delete your timesheet entries'],
  ['approve:timesheets', "Approve or reject other people's timesheet entries"],
  ['read:users', 'Read users and their assignments'],
  ['update:users', 'Assign roles and groups to users, block and unblock them'],
  ['read:groups', 'Read groups'],
  ['create:groups', 'Create groups'],
  ['update:groups', 'Update groups, their members and roles'],
  ['delete:groups', 'Delete groups'],
  ['read:roles', 'Read roles'],
  ['create:roles', 'Create roles'],
  ['update:roles', 'Update roles and their permissions'],
  ['delete:roles', 'Delete roles'],
  ['read:permissions', 'Read permissions'],
  ['create:permissions', 'Create permissions'],
  ['update:permissions', 'Update permissions'],
  ['delete:permissions', 'Delete permissions'],
  ['read:audit', 'Read the audit log'],
];
const EMPLOYEE = ['read:timesheets', 'create:timesheets', 'delete:timesheets'];
const TIMESHEETS = [...EMPLOYEE, 'approve:timesheets'];
const ROLES: readonly { name: string; description: string; permissions: readonly string[] }[] = [
  { name: 'employee', description: 'Records their own timesheets', permissions: EMPLOYEE },
  { name: 'manager', description: "Records their own timesheets and approves others'", permissions: TIMESHEETS },
  {
    name: 'admin',
    description: 'Administers users, roles, groups and permissions',
    permissions: SCOPES.map(([name]) => name).filter((name) => !TIMESHEETS.includes(name)),
  },
];

/**
 * The authorization schema and its seed, written with TypeORM's schema API so that it runs on SQLite and PostgreSQL.
 * The seed lives here (not in a start-up hook) so it runs exactly once: an admin who later deletes a seeded role
 * does not see it come back at the next start.
 */
export class CreateAuthz1764100000000 implements MigrationInterface {
  name = 'CreateAuthz1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const named = (table: string) =>
      new Table({
        name: table,
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'description', type: 'varchar', length: '500', default: "''" },
        ],
        indices: [new TableIndex({ name: `uq_${table}_name`, columnNames: ['name'], isUnique: true })],
      });
    await q.createTable(named('authz_permissions'));
    await q.createTable(named('authz_roles'));
    await q.createTable(
      new Table({
        name: 'authz_groups',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'description', type: 'varchar', length: '500', default: "''" },
          { name: 'parent_id', type: 'varchar', length: '36', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'uq_authz_groups_name', columnNames: ['name'], isUnique: true }),
          new TableIndex({ name: 'idx_authz_groups_parent', columnNames: ['parent_id'] }),
        ],
        foreignKeys: [
          // Deleting a group moves its children up (the service does it); SET NULL is the safety net.
          new TableForeignKey({
            columnNames: ['parent_id'],
            referencedTableName: 'authz_groups',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'authz_users',
        columns: [
          id,
          { name: 'issuer', type: 'varchar', length: '2048', isNullable: true },
          { name: 'subject', type: 'varchar', length: '255', isNullable: true },
          { name: 'email', type: 'varchar', length: '320', isNullable: true },
          { name: 'name', type: 'varchar', length: '200', isNullable: true },
          { name: 'blocked', type: 'boolean', default: false },
          { name: 'last_login_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
        indices: [
          // NULLs are distinct in unique indexes on both engines: pre-provisioned users have no identity yet.
          new TableIndex({ name: 'uq_authz_users_identity', columnNames: ['issuer', 'subject'], isUnique: true }),
          new TableIndex({ name: 'uq_authz_users_email', columnNames: ['email'], isUnique: true }),
        ],
      }),
    );
    const join = (table: string, a: [string, string], b: [string, string]) =>
      new Table({
        name: table,
        columns: [ref(a[0]), ref(b[0])],
        indices: [new TableIndex({ name: `idx_${table}_${b[0]}`, columnNames: [b[0]] })],
        foreignKeys: [cascade(a[0], a[1]), cascade(b[0], b[1])],
      });
    await q.createTable(
      join('authz_role_permissions', ['role_id', 'authz_roles'], ['permission_id', 'authz_permissions']),
    );
    await q.createTable(join('authz_group_roles', ['group_id', 'authz_groups'], ['role_id', 'authz_roles']));
    await q.createTable(join('authz_user_roles', ['user_id', 'authz_users'], ['role_id', 'authz_roles']));
    await q.createTable(join('authz_user_groups', ['user_id', 'authz_users'], ['group_id', 'authz_groups']));
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id,
          { name: 'at', type: 'varchar', length: '32' },
          { name: 'actor_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'actor_name', type: 'varchar', length: '320', isNullable: true },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'target_type', type: 'varchar', length: '32' },
          { name: 'target_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
        ],
        indices: [
          // Newest-first keyset paging, alone or with one filter.
          new TableIndex({ name: 'idx_audit_log_at', columnNames: ['at', 'id'] }),
          new TableIndex({ name: 'idx_audit_log_target', columnNames: ['target_type', 'target_id', 'at'] }),
          new TableIndex({ name: 'idx_audit_log_actor', columnNames: ['actor_id', 'at'] }),
          new TableIndex({ name: 'idx_audit_log_action', columnNames: ['action', 'at'] }),
        ],
      }),
    );
    await this.seed(q);
  }

  private async seed(q: QueryRunner): Promise<void> {
    // Plain SQL with column names: the migration must not depend on today's entity classes.
    const postgres = q.connection.options.type === 'postgres';
    const insert = (table: string, row: Record<string, unknown>) => {
      const columns = Object.keys(row);
      const marks = columns.map((_, i) => (postgres ? `$${i + 1}` : '?'));
      const sql = `INSERT INTO ${q.connection.driver.escape(table)} (${columns.map((c) => q.connection.driver.escape(c)).join(', ')}) VALUES (${marks.join(', ')})`;
      return q.query(sql, Object.values(row));
    };
    const permissionIds = new Map<string, string>();
    for (const [scope, description] of SCOPES) {
      permissionIds.set(scope, randomUUID());
      await insert('authz_permissions', { id: permissionIds.get(scope), name: scope, description });
    }
    const roleIds = new Map<string, string>();
    for (const { name, ...role } of ROLES) {
      roleIds.set(name, randomUUID());
      await insert('authz_roles', { id: roleIds.get(name), name, description: role.description });
      for (const p of role.permissions) {
        await insert('authz_role_permissions', { role_id: roleIds.get(name), permission_id: permissionIds.get(p) });
      }
    }
    // Users are not seeded here: demo accounts and the first admins are provisioned at start, only when the
    // configuration asks for them (AuthzBootstrap).
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'authz_user_groups',
      'authz_user_roles',
      'authz_group_roles',
      'authz_role_permissions',
      'authz_users',
      'authz_groups',
      'authz_roles',
      'authz_permissions',
    ]) {
      await q.dropTable(table);
    }
  }
}
