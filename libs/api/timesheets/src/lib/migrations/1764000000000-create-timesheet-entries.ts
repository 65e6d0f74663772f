import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Written with TypeORM's schema API so that the same migration runs on SQLite and PostgreSQL. */
export class CreateTimesheetEntries1764000000000 implements MigrationInterface {
  name = 'CreateTimesheetEntries1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'timesheet_entries',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'owner_id', type: 'varchar', length: '255' },
          { name: 'owner_name', type: 'varchar', length: '320', isNullable: true },
          { name: 'date', type: 'varchar', length: '10' },
          { name: 'project', type: 'varchar', length: '100' },
          { name: 'hours', type: 'double precision' },
          { name: 'notes', type: 'varchar', length: '1000', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'queue_rank', type: 'integer' },
          { name: 'decided_by', type: 'varchar', length: '255', isNullable: true },
          { name: 'decided_at', type: 'varchar', length: '32', isNullable: true },
          { name: 'rejection_reason', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'updated_at', type: 'varchar', length: '32' },
          { name: 'version', type: 'integer', default: 1 },
        ],
      }),
    );
    // A page of one user's entries and a page of the approvals queue are index range scans, even at millions of rows.
    await queryRunner.createIndex(
      'timesheet_entries',
      new TableIndex({ name: 'idx_timesheet_entries_owner_date', columnNames: ['owner_id', 'date', 'id'] }),
    );
    await queryRunner.createIndex(
      'timesheet_entries',
      new TableIndex({ name: 'idx_timesheet_entries_queue', columnNames: ['queue_rank', 'date', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('timesheet_entries');
  }
}
