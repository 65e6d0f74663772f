import { DataSource } from 'typeorm';
import { ALL_SCOPES, SCOPE_DESCRIPTIONS, SEEDED_ROLES } from '@timesheets/contracts';
import { dataSourceOptions } from '@timesheets/server-core';
import { AUTHZ_ENTITIES, AUTHZ_MIGRATIONS } from '../authz.module';

/** The seed is written into the migrations (frozen as each was written); together they must give today's constants. */
describe('authorization seed migrations', () => {
  it('seed every scope with its description and every role with its permissions', async () => {
    const db = await new DataSource(
      dataSourceOptions({ kind: 'sqlite-memory' }, { entities: AUTHZ_ENTITIES, migrations: AUTHZ_MIGRATIONS }),
    ).initialize();
    try {
      const permissions: { name: string; description: string }[] = await db.query(
        'SELECT name, description FROM authz_permissions ORDER BY name',
      );
      expect(permissions).toEqual(
        [...ALL_SCOPES].sort().map((name) => ({ name, description: SCOPE_DESCRIPTIONS[name] })),
      );
      const roles: { name: string; description: string; permission: string }[] = await db.query(
        'SELECT r.name, r.description, p.name AS permission FROM authz_roles r ' +
          'JOIN authz_role_permissions rp ON rp.role_id = r.id JOIN authz_permissions p ON p.id = rp.permission_id',
      );
      for (const [name, role] of Object.entries(SEEDED_ROLES)) {
        const rows = roles.filter((r) => r.name === name);
        expect({ name, permissions: rows.map((r) => r.permission).sort() }).toEqual({
          name,
          permissions: [...role.permissions].sort(),
        });
        expect(rows[0].description).toBe(role.description);
      }
    } finally {
      await db.destroy();
    }
  });
});
