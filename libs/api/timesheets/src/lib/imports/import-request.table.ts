import { column, type RowOf, SqlTable } from '@timesheets/server-core';

/**
 * One import done with an Idempotency-Key: who sent it (the client's id), the key, a SHA-256 of the body it came with
 * and the answer it got, so that a retry gets the same answer and the same key with another body is refused.
 */
export const IMPORT_REQUESTS = new SqlTable(
  'timesheet_import_requests',
  {
    clientId: column<string>('client_id', 'varchar', { length: 255, primary: true }),
    idempotencyKey: column<string>('idempotency_key', 'varchar', { length: 255, primary: true }),
    bodyHash: column<string>('body_hash', 'varchar', { length: 64 }),
    response: column<string>('response', 'text'),
    createdAt: column<string>('created_at', 'varchar', { length: 32 }),
  },
  [{ name: 'idx_timesheet_import_requests_created', columns: ['createdAt'] }],
);
export type ImportRequestRow = RowOf<typeof IMPORT_REQUESTS.columns>;
export const ImportRequestEntity = IMPORT_REQUESTS.entitySchema('TimesheetImportRequest');
