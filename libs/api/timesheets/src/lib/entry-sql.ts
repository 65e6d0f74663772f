import type { TimesheetEntry } from '@timesheets/contracts';

export type Dialect = 'sqlite' | 'postgres';

/** The TimesheetEntry DTO's fields in order, with the column each comes from (toDto maps entities the same way). */
export const ENTRY_FIELDS: readonly (readonly [keyof TimesheetEntry, string])[] = [
  ['id', 'id'],
  ['ownerId', 'owner_id'],
  ['ownerName', 'owner_name'],
  ['date', 'date'],
  ['project', 'project'],
  ['hours', 'hours'],
  ['notes', 'notes'],
  ['status', 'status'],
  ['decidedBy', 'decided_by'],
  ['decidedAt', 'decided_at'],
  ['rejectionReason', 'rejection_reason'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
];

/** A SQL expression giving one row's TimesheetEntry as JSON text, built by the database. */
export function entryJsonSql(dialect: Dialect): string {
  const pairs = ENTRY_FIELDS.map(([field, column]) => `'${field}', ${column}`).join(', ');
  return dialect === 'sqlite' ? `json_object(${pairs})` : `json_build_object(${pairs})::text`;
}

/** `?` placeholders become `$1, $2, ...` for PostgreSQL (the SQL here never has `?` inside a literal). */
export function placeholders(sql: string, dialect: Dialect): string {
  if (dialect === 'sqlite') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** WHERE clauses and their parameters, added in order. */
export class Filters {
  readonly clauses: string[] = [];
  readonly params: (string | number)[] = [];

  add(clause: string, ...values: (string | number)[]): this {
    this.clauses.push(clause);
    this.params.push(...values);
    return this;
  }

  get sql(): string {
    return this.clauses.join(' AND ');
  }
}

/**
 * A keyset page: `limit + 1` rows of `[json, ...sortKey]`; the extra row only says that a next page exists.
 * The body is assembled from the rows' JSON without parsing it.
 */
export function pageJson(rows: readonly (readonly unknown[])[], limit: number, cursorOf: (key: unknown[]) => string) {
  const more = rows.length > limit;
  const n = more ? limit : rows.length;
  const items = new Array<unknown>(n);
  for (let i = 0; i < n; i++) items[i] = rows[i][0];
  // A cursor is base64url: nothing in it needs escaping. join() makes one flat string, which is written as it is.
  const next = more && n > 0 ? `"${cursorOf(rows[n - 1].slice(1))}"` : 'null';
  return `{"items":[${items.join(',')}],"nextCursor":${next}}`;
}
