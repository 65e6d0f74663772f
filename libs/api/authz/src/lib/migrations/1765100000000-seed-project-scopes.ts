import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scopes of customers, projects and the period lock, on a database seeded before they existed: each permission is
 * added if missing and given to the seeded role that should carry it, if that role still exists under its name. A
 * fresh database already has them (the first migration seeds every scope), so this changes nothing there. Written out
 * here rather than read from today's constants, so that later edits to the seed do not change what this did.
 */
const ADDED: readonly { name: string; description: string; roles: readonly string[] }[] = [
  { name: 'read:projects', description: 'See the projects you can book time on', roles: ['employee', 'manager'] },
  {
    name: 'manage:projects',
    description: 'Create, rename, archive and restore customers and projects',
    roles: ['admin'],
  },
  {
    name: 'manage:period-lock',
    description: 'Lock timesheets through a date, so that nothing on or before it changes',
    roles: ['admin'],
  },
];

const REWORDED: readonly (readonly [table: string, name: string, before: string, after: string])[] = [
  [
    'authz_permissions',
    'approve:timesheets',
    "Approve or reject other people's timesheet entries",
    'Approve or reject the timesheets of the people you manage',
  ],
  [
    'authz_roles',
    'manager',
    "Records their own timesheets and approves others'",
    'Records their own timesheets and approves those of the people in the groups they manage',
  ],
  [
    'authz_roles',
    'admin',
    'Administers users, roles, groups and permissions',
    'Administers users, roles, groups, permissions, customers, projects and the period lock',
  ],
];

export class SeedProjectScopes1765100000000 implements MigrationInterface {
  name = 'SeedProjectScopes1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const p = (n: number) => (q.connection.options.type === 'postgres' ? `$${n}` : '?');
    const one = async (sql: string, params: unknown[]) =>
      ((await q.query(sql, params)) as { id: string }[])[0]?.id ?? null;
    for (const scope of ADDED) {
      let permissionId = await one(`SELECT id FROM authz_permissions WHERE name = ${p(1)}`, [scope.name]);
      if (!permissionId) {
        permissionId = randomUUID();
        await q.query(`INSERT INTO authz_permissions (id, name, description) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
          permissionId,
          scope.name,
          scope.description,
        ]);
      }
      for (const role of scope.roles) {
        const roleId = await one(`SELECT id FROM authz_roles WHERE name = ${p(1)}`, [role]);
        if (!roleId) continue;
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
    }
    // Descriptions that still read as first seeded get today's wording (an admin's own wording stays).
    for (const [table, name, before, after] of REWORDED)
      await q.query(`UPDATE ${table} SET description = ${p(1)} WHERE name = ${p(2)} AND description = ${p(3)}`, [
        after,
        name,
        before,
      ]);
    // Every API instance re-reads access when the version moves.
    await q.query('UPDATE authz_state SET version = version + 1 WHERE id = 1');
  }

  async down(): Promise<void> {
    // Permissions stay: roles may have been given them since.
  }
}
