import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Idempotency keys of timesheet imports (imports/import-request.table.ts). */
export class CreateImportRequests1765600000000 implements MigrationInterface {
  name = 'CreateImportRequests1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'timesheet_import_requests',
        columns: [
          { name: 'client_id', type: 'varchar', length: '255', isPrimary: true },
          { name: 'idempotency_key', type: 'varchar', length: '255', isPrimary: true },
          { name: 'body_hash', type: 'varchar', length: '64' },
          { name: 'response', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
        indices: [new TableIndex({ name: 'idx_timesheet_import_requests_created', columnNames: ['created_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('timesheet_import_requests');
  }
}
