import type { TimesheetEntry, TimesheetStatus } from '@timesheets/contracts';
import { column, fromShape, jsonObjectSql, type JsonShape, type RowOf, SqlTable } from '@timesheets/server-core';

/**
 * An entry's persistence, described once. Times are ISO-8601 UTC strings and dates `YYYY-MM-DD` strings, so that they
 * compare and sort the same way on SQLite and PostgreSQL. The entity, the INSERT, the database-built JSON of the
 * lists and the entity-to-contract mapping all come from these two tables; migrations describe how the schema got
 * here.
 */
export const ENTRIES = new SqlTable(
  'timesheet_entries',
  {
    id: column<string>('id', 'varchar', { length: 36, primary: true }),
    ownerId: column<string>('owner_id', 'varchar', { length: 255 }),
    ownerName: column<string | null>('owner_name', 'varchar', { length: 320, nullable: true }),
    date: column<string>('date', 'varchar', { length: 10 }),
    project: column<string>('project', 'varchar', { length: 100 }),
    hours: column<number>('hours', 'double precision'),
    notes: column<string | null>('notes', 'varchar', { length: 1000, nullable: true }),
    status: column<TimesheetStatus>('status', 'varchar', { length: 16 }),
    queueRank: column<number>('queue_rank', 'integer'),
    decidedBy: column<string | null>('decided_by', 'varchar', { length: 255, nullable: true }),
    decidedAt: column<string | null>('decided_at', 'varchar', { length: 32, nullable: true }),
    rejectionReason: column<string | null>('rejection_reason', 'varchar', { length: 500, nullable: true }),
    createdAt: column<string>('created_at', 'varchar', { length: 32 }),
    updatedAt: column<string>('updated_at', 'varchar', { length: 32 }),
    version: column<number>('version', 'integer', { default: 1 }),
  },
  [
    // A page of one user's entries and a page of the approvals queue are index range scans, even at millions of rows.
    { name: 'idx_timesheet_entries_owner_date', columns: ['ownerId', 'date', 'id'] },
    { name: 'idx_timesheet_entries_queue', columns: ['queueRank', 'date', 'id'] },
  ],
);

export type EntryRow = RowOf<typeof ENTRIES.columns>;

/** The TypeORM entity (the data source's metadata and transactions); reads and writes go through EntryRepository. */
export const TimesheetEntryEntity = ENTRIES.entitySchema('TimesheetEntry');

/** The alias of timesheet_entries in the repository's queries. */
export const E = 'e';

/** The TimesheetEntry contract, field by field and in order, with where each field comes from. */
export const ENTRY_SHAPE: JsonShape = (
  [
    'id',
    'ownerId',
    'ownerName',
    'date',
    'project',
    'hours',
    'notes',
    'status',
    'decidedBy',
    'decidedAt',
    'rejectionReason',
    'createdAt',
    'updatedAt',
  ] as const satisfies readonly (keyof TimesheetEntry & keyof EntryRow)[]
).map((field) => [field, ENTRIES.ref(field, E)] as const);

/** One row's TimesheetEntry as JSON text, built by the database (the lists send it without parsing it). */
export const ENTRY_JSON = {
  sqlite: jsonObjectSql(ENTRY_SHAPE, 'sqlite'),
  postgres: jsonObjectSql(ENTRY_SHAPE, 'postgres'),
};

/** The same TimesheetEntry from a row already read. */
export function toEntry(row: EntryRow): TimesheetEntry {
  return fromShape<TimesheetEntry>(ENTRY_SHAPE, { [E]: row });
}

/** Sort rank of a status in the approvals queue: pending first. */
export const QUEUE_RANK: Record<TimesheetStatus, number> = { pending: 0, rejected: 1, approved: 2, draft: 3 };
