import { randomUUID } from 'node:crypto';
import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Customers, projects and weeks (issue 15), on both engines:
 * - new tables `customers`, `projects` (code unique, stored upper case), `project_groups`, `period_lock`;
 * - every free-text project of the existing entries becomes a project (trimmed; names equal but for case and
 *   surrounding spaces are one project, named as most entries spelled it), and every entry is linked to its project;
 * - entries get their ISO week (`week`, for the person-week queue), lose the free text and the old queue rank, and the
 *   approvals index becomes one on (status, week, owner_id).
 * The entries table is rebuilt (a copy) rather than altered, the same way on SQLite and PostgreSQL.
 */
export class ProjectsAndWeeks1765300000000 implements MigrationInterface {
  name = 'ProjectsAndWeeks1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    const mark = (n: number) => (postgres ? `$${n}` : '?');
    const marks = (count: number, from = 1) => Array.from({ length: count }, (_, i) => mark(from + i)).join(', ');
    const now = new Date().toISOString();
    const bool = (b: boolean) => (postgres ? b : b ? 1 : 0); // better-sqlite3 binds no booleans

    await q.createTable(
      new Table({
        name: 'customers',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          // lower(trim(name)): names are unique case-insensitively
          { name: 'name_key', type: 'varchar', length: '100' },
          { name: 'archived', type: 'boolean', default: false },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'updated_at', type: 'varchar', length: '32' },
        ],
        indices: [new TableIndex({ name: 'uq_customers_name_key', columnNames: ['name_key'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'projects',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'code', type: 'varchar', length: '20' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'customer_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'billable', type: 'boolean', default: false },
          { name: 'archived', type: 'boolean', default: false },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'updated_at', type: 'varchar', length: '32' },
        ],
        indices: [
          new TableIndex({ name: 'uq_projects_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'idx_projects_customer', columnNames: ['customer_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['customer_id'],
            referencedTableName: 'customers',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'project_groups',
        columns: [
          { name: 'project_id', type: 'varchar', length: '36', isPrimary: true },
          // An authorization group's id (no foreign key: that table belongs to the authorization service).
          { name: 'group_id', type: 'varchar', length: '36', isPrimary: true },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['project_id'],
            referencedTableName: 'projects',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'period_lock',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'locked_through', type: 'varchar', length: '10', isNullable: true },
          { name: 'updated_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'updated_by', type: 'varchar', length: '320', isNullable: true },
        ],
      }),
    );
    await q.query('INSERT INTO period_lock (id, locked_through, updated_at, updated_by) VALUES (1, NULL, NULL, NULL)');

    // Free text to projects.
    const texts: { project: string; n: number | string }[] = await q.query(
      'SELECT project, COUNT(*) AS n FROM timesheet_entries GROUP BY project',
    );
    const byKey = new Map<string, { spellings: Map<string, number>; texts: string[] }>();
    for (const { project, n } of texts) {
      const name = project.trim() || 'No project';
      const key = name.toLowerCase();
      const group = byKey.get(key) ?? { spellings: new Map<string, number>(), texts: [] };
      group.spellings.set(name, (group.spellings.get(name) ?? 0) + Number(n));
      group.texts.push(project);
      byKey.set(key, group);
    }
    const codes = new Set<string>();
    await q.createTable(
      new Table({
        name: 'migration_project_map',
        columns: [
          { name: 'text', type: 'varchar', length: '100', isPrimary: true },
          { name: 'project_id', type: 'varchar', length: '36' },
        ],
      }),
    );
    for (const key of [...byKey.keys()].sort()) {
      const group = byKey.get(key) as { spellings: Map<string, number>; texts: string[] };
      const name = [...group.spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
      const id = randomUUID();
      await q.query(
        `INSERT INTO projects (id, code, name, customer_id, billable, archived, created_at, updated_at) VALUES (${marks(8)})`,
        [id, uniqueCode(name, codes), name, null, bool(false), bool(false), now, now],
      );
      for (const text of group.texts)
        await q.query(`INSERT INTO migration_project_map (text, project_id) VALUES (${marks(2)})`, [text, id]);
    }

    // Dates to ISO weeks.
    await q.createTable(
      new Table({
        name: 'migration_week_map',
        columns: [
          { name: 'date', type: 'varchar', length: '10', isPrimary: true },
          { name: 'week', type: 'varchar', length: '8' },
        ],
      }),
    );
    const dates: { date: string }[] = await q.query('SELECT DISTINCT date FROM timesheet_entries');
    for (const { date } of dates)
      await q.query(`INSERT INTO migration_week_map (date, week) VALUES (${marks(2)})`, [date, isoWeekOf(date)]);

    // The entries, rebuilt.
    await q.createTable(
      new Table({
        name: 'timesheet_entries_next',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'owner_id', type: 'varchar', length: '255' },
          { name: 'owner_name', type: 'varchar', length: '320', isNullable: true },
          { name: 'date', type: 'varchar', length: '10' },
          { name: 'week', type: 'varchar', length: '8' },
          { name: 'project_id', type: 'varchar', length: '36' },
          { name: 'hours', type: 'double precision' },
          { name: 'notes', type: 'varchar', length: '1000', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'decided_by', type: 'varchar', length: '255', isNullable: true },
          { name: 'decided_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'rejection_reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'updated_at', type: 'varchar', length: '32' },
          { name: 'version', type: 'integer', default: 1 },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['project_id'],
            referencedTableName: 'projects',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
    await q.query(
      'INSERT INTO timesheet_entries_next (id, owner_id, owner_name, date, week, project_id, hours, notes, status, ' +
        'decided_by, decided_at, rejection_reason, created_at, updated_at, version) ' +
        'SELECT e.id, e.owner_id, e.owner_name, e.date, w.week, m.project_id, e.hours, e.notes, e.status, ' +
        'e.decided_by, e.decided_at, e.rejection_reason, e.created_at, e.updated_at, e.version ' +
        'FROM timesheet_entries e JOIN migration_week_map w ON w.date = e.date ' +
        'JOIN migration_project_map m ON m.text = e.project',
    );
    const [{ before }] = (await q.query('SELECT COUNT(*) AS before FROM timesheet_entries')) as { before: string }[];
    const [{ after }] = (await q.query('SELECT COUNT(*) AS after FROM timesheet_entries_next')) as { after: string }[];
    if (Number(before) !== Number(after))
      throw new Error(`ProjectsAndWeeks: ${before} entries before, ${after} after the copy; nothing was changed`);
    await q.dropTable('timesheet_entries');
    await q.query('ALTER TABLE timesheet_entries_next RENAME TO timesheet_entries');
    await q.dropTable('migration_project_map');
    await q.dropTable('migration_week_map');
    // One person's entries (own list, a week, a day's total); the approvers' person-week queue by status and week.
    await q.query('CREATE INDEX idx_timesheet_entries_owner_date ON timesheet_entries (owner_id, date, id)');
    await q.query('CREATE INDEX idx_timesheet_entries_review ON timesheet_entries (status, week, owner_id)');
    await q.query('CREATE INDEX idx_timesheet_entries_project ON timesheet_entries (project_id)');
  }

  async down(): Promise<void> {
    throw new Error('ProjectsAndWeeks1765300000000 cannot be undone: restore the backup taken before the upgrade');
  }
}

/** A short code from a name: upper-case letters and digits joined by `-`, at most 20 characters, made unique. */
function uniqueCode(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 16)
      .replace(/-+$/, '') || 'PROJECT';
  const padded = base.length >= 2 ? base : `${base}-P`;
  let code = padded;
  for (let n = 2; taken.has(code); n++) code = `${padded}-${n}`;
  taken.add(code);
  return code;
}

/** The ISO week of a `YYYY-MM-DD` date (written out here: a migration must not change when shared code does). */
function isoWeekOf(date: string): string {
  const day = 86_400_000;
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = new Date(ms + (3 - weekday) * day);
  const year = String(thursday.getUTCFullYear()).padStart(4, '0');
  const week = Math.floor((thursday.getTime() - Date.parse(`${year}-01-01T00:00:00Z`)) / (7 * day)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
