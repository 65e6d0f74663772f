import type { ProjectRef, TimesheetEntry, TimesheetStatus } from '@timesheets/contracts';
import {
  column,
  fromShape,
  jsonObjectSql,
  jsonSchemaOf,
  type JsonShape,
  type RowOf,
  SqlTable,
} from '@timesheets/server-core';
import { P, PROJECTS } from '../projects/project.tables';

/**
 * An entry's persistence, described once. Times are ISO-8601 UTC strings and dates `YYYY-MM-DD` strings, so that they
 * compare and sort the same way on SQLite and PostgreSQL. The entity, the INSERT, the database-built JSON of the
 * lists and the entity-to-contract mapping all come from this table and ENTRY_SHAPE; migrations describe how the
 * schema got here.
 */
export const ENTRIES = new SqlTable(
  'timesheet_entries',
  {
    id: column<string>('id', 'varchar', { length: 36, primary: true }),
    ownerId: column<string>('owner_id', 'varchar', { length: 255 }),
    ownerName: column<string | null>('owner_name', 'varchar', { length: 320, nullable: true }),
    date: column<string>('date', 'varchar', { length: 10 }),
    /** The ISO week of `date` (`2026-W50`): the approvers' queue groups by it. */
    week: column<string>('week', 'varchar', { length: 8 }),
    projectId: column<string>('project_id', 'varchar', { length: 36 }),
    hours: column<number>('hours', 'double precision'),
    notes: column<string | null>('notes', 'varchar', { length: 1000, nullable: true }),
    status: column<TimesheetStatus>('status', 'varchar', { length: 16 }),
    decidedBy: column<string | null>('decided_by', 'varchar', { length: 255, nullable: true }),
    decidedAt: column<string | null>('decided_at', 'varchar', { length: 32, nullable: true }),
    rejectionReason: column<string | null>('rejection_reason', 'varchar', { length: 500, nullable: true }),
    createdAt: column<string>('created_at', 'varchar', { length: 32 }),
    updatedAt: column<string>('updated_at', 'varchar', { length: 32 }),
    version: column<number>('version', 'integer', { default: 1 }),
  },
  [
    // One person's entries: the own list (keyset on date, id), a week, a day's total.
    { name: 'idx_timesheet_entries_owner_date', columns: ['ownerId', 'date', 'id'] },
    // The approvers' person-week queue: a status, week by week, person by person.
    { name: 'idx_timesheet_entries_review', columns: ['status', 'week', 'ownerId'] },
    { name: 'idx_timesheet_entries_project', columns: ['projectId'] },
  ],
);

export type EntryRow = RowOf<typeof ENTRIES.columns>;

/** The fields the owner sets (POST, PATCH, a week's rows): copied from the request as they are, compared on a save. */
export const EDITABLE = ['date', 'projectId', 'hours', 'notes'] as const satisfies readonly (keyof EntryRow)[];
export type EditableFields = Pick<EntryRow, (typeof EDITABLE)[number]>;

/** The editable fields a request sends (absent ones left out; `notes` may be null). */
export function editedFields(request: Partial<Record<(typeof EDITABLE)[number], unknown>>): Partial<EditableFields> {
  const out: Record<string, unknown> = {};
  for (const k of EDITABLE) if (request[k] !== undefined) out[k] = request[k];
  return out as Partial<EditableFields>;
}

/** A new entry's editable fields from a request: absent nullable ones are null. */
export function newEntryFields(request: Partial<Record<(typeof EDITABLE)[number], unknown>>): EditableFields {
  const out: Record<string, unknown> = {};
  for (const k of EDITABLE) out[k] = request[k] ?? (ENTRIES.columns[k].nullable ? null : request[k]);
  return out as EditableFields;
}

/** True when a row already has these editable fields. */
export function sameFields(row: EditableFields, fields: EditableFields): boolean {
  return EDITABLE.every((k) => row[k] === fields[k]);
}

/** The TypeORM entity (the data source's metadata and transactions); reads and writes go through EntryRepository. */
export const TimesheetEntryEntity = ENTRIES.entitySchema('TimesheetEntry');

/** The alias of timesheet_entries in the repository's queries (projects are `p`). */
export const E = 'e';

const own = (field: keyof TimesheetEntry & keyof EntryRow) => [field, ENTRIES.ref(field, E)] as const;

/** The TimesheetEntry contract, field by field and in order, with where each field comes from. */
export const ENTRY_SHAPE: JsonShape = [
  own('id'),
  own('ownerId'),
  own('ownerName'),
  own('date'),
  [
    'project',
    [
      ['id', PROJECTS.ref('id', P)],
      ['code', PROJECTS.ref('code', P)],
      ['name', PROJECTS.ref('name', P)],
    ],
  ],
  own('hours'),
  own('notes'),
  own('status'),
  own('decidedBy'),
  own('decidedAt'),
  own('rejectionReason'),
  own('createdAt'),
  own('updatedAt'),
];

/** The TimesheetEntry's JSON schema for the OpenAPI document, from the same shape. */
export const ENTRY_SCHEMA = jsonSchemaOf(ENTRY_SHAPE);

/** One row's TimesheetEntry as JSON text, built by the database (FROM timesheet_entries e JOIN projects p). */
export const ENTRY_JSON = {
  sqlite: jsonObjectSql(ENTRY_SHAPE, 'sqlite'),
  postgres: jsonObjectSql(ENTRY_SHAPE, 'postgres'),
};

/** The same TimesheetEntry from a row and its project, already read. */
export function toEntry(row: EntryRow, project: ProjectRef): TimesheetEntry {
  return fromShape<TimesheetEntry>(ENTRY_SHAPE, { [E]: row, [P]: project as unknown as Record<string, unknown> });
}
