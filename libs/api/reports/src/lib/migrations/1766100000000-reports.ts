import { type MigrationInterface, type QueryRunner, Table, TableForeignKey } from 'typeorm';

/**
 * Reports (issue 16), on both engines:
 * - two covering indexes on timesheet_entries, so that a report's sums read no table rows: `idx_timesheet_entries_report`
 *   (date, owner_id, status, project_id, hours) for everybody's entries of a period (and the detail export's order),
 *   `idx_timesheet_entries_report_owner` (owner_id, date, status, project_id, hours) for a person's or a team's;
 * - `group_work_weeks`: a group's expected work week in hours (the managers' dashboard); a row goes away with its
 *   group.
 */
export class Reports1766100000000 implements MigrationInterface {
  name = 'Reports1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX idx_timesheet_entries_report ON timesheet_entries (date, owner_id, status, project_id, hours)',
    );
    await q.query(
      'CREATE INDEX idx_timesheet_entries_report_owner ON timesheet_entries (owner_id, date, status, project_id, hours)',
    );
    await q.createTable(
      new Table({
        name: 'group_work_weeks',
        columns: [
          { name: 'group_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'expected_week_hours', type: 'double precision' },
          { name: 'updated_at', type: 'varchar', length: '32' },
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['group_id'],
            referencedTableName: 'authz_groups',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    if (q.connection.options.type === 'postgres') await q.query('ANALYZE timesheet_entries');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('group_work_weeks');
    await q.query('DROP INDEX idx_timesheet_entries_report_owner');
    await q.query('DROP INDEX idx_timesheet_entries_report');
  }
}
