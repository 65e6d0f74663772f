import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports (issue 16), on a database seeded before them: the `read:reports` permission, given to the seeded `admin`
 * role if it still exists under its name, and the `payroll` role (an employee's permissions and read:reports) unless a
 * role of that name exists already (then it is left as its admins made it). Written out here rather than read from
 * today's constants, so that later edits to the seed do not change what this did.
 */
const READ_REPORTS = { name: 'read:reports', description: "Report on and export everybody's hours" };
const PAYROLL = {
  name: 'payroll',
  description: "Records their own timesheets and reports on and exports everybody's hours",
  permissions: ['read:timesheets', 'create:timesheets', 'delete:timesheets', 'read:projects', 'read:reports'],
};

export class SeedReportScopes1766000000000 implements MigrationInterface {
  name = 'SeedReportScopes1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const p = (n: number) => (q.connection.options.type === 'postgres' ? `$${n}` : '?');
    const one = async (sql: string, params: unknown[]) =>
      ((await q.query(sql, params)) as { id: string }[])[0]?.id ?? null;
    const permissionId = async (name: string) => one(`SELECT id FROM authz_permissions WHERE name = ${p(1)}`, [name]);
    const link = async (roleId: string, permission: string | null) => {
      if (!permission) return;
      const linked = await one(
        `SELECT role_id AS id FROM authz_role_permissions WHERE role_id = ${p(1)} AND permission_id = ${p(2)}`,
        [roleId, permission],
      );
      if (!linked)
        await q.query(`INSERT INTO authz_role_permissions (role_id, permission_id) VALUES (${p(1)}, ${p(2)})`, [
          roleId,
          permission,
        ]);
    };
    let readReports = await permissionId(READ_REPORTS.name);
    if (!readReports) {
      readReports = randomUUID();
      await q.query(`INSERT INTO authz_permissions (id, name, description) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
        readReports,
        READ_REPORTS.name,
        READ_REPORTS.description,
      ]);
    }
    const admin = await one(`SELECT id FROM authz_roles WHERE name = ${p(1)}`, ['admin']);
    if (admin) await link(admin, readReports);
    if (!(await one(`SELECT id FROM authz_roles WHERE name = ${p(1)}`, [PAYROLL.name]))) {
      const payroll = randomUUID();
      await q.query(`INSERT INTO authz_roles (id, name, description) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
        payroll,
        PAYROLL.name,
        PAYROLL.description,
      ]);
      for (const name of PAYROLL.permissions) await link(payroll, await permissionId(name));
    }
    // Every API instance re-reads access when the version moves.
    await q.query('UPDATE authz_state SET version = version + 1 WHERE id = 1');
  }

  async down(): Promise<void> {
    // Permissions and roles stay: users may have been given them since.
  }
}
