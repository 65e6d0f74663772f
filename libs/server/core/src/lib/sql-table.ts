import { EntitySchema, type EntitySchemaColumnOptions, type EntitySchemaIndexOptions } from 'typeorm';
import type { Dialect, SqlValue } from './sql-runner';

/** Column types that mean the same on SQLite and PostgreSQL (dates and times are stored as ISO-8601 text). */
export type ColumnType = 'varchar' | 'text' | 'integer' | 'double precision' | 'boolean';

/** One column: its SQL name and type; `T` is the value's TypeScript type (a phantom, for RowOf). */
export interface Column<T> {
  readonly name: string;
  readonly type: ColumnType;
  readonly length?: number;
  readonly nullable?: boolean;
  readonly primary?: boolean;
  readonly default?: string | number | boolean;
  /** Never set: carries the value type. */
  readonly _value?: T;
}

export function column<T>(name: string, type: ColumnType, options: Omit<Column<T>, 'name' | 'type'> = {}): Column<T> {
  return { name, type, ...options };
}

export type Columns = Record<string, Column<unknown>>;

/** A row of a table, keyed by the columns' keys (the entity). */
export type RowOf<C extends Columns> = { -readonly [K in keyof C]: C[K] extends Column<infer T> ? T : never };

export interface TableIndex<K extends string> {
  name: string;
  columns: readonly K[];
}

/**
 * A table described once, by a column table: the entity TypeORM knows (for transactions and metadata), the INSERT
 * and the column list come from it, and so do the pieces of the database-built JSON (see jsonObjectSql). Migrations
 * stay separate: they describe how the schema got here, not what it is today.
 */
export class SqlTable<C extends Columns> {
  readonly keys: readonly (keyof C & string)[];

  constructor(
    readonly name: string,
    readonly columns: C,
    readonly indices: readonly TableIndex<keyof C & string>[] = [],
  ) {
    this.keys = Object.keys(columns) as (keyof C & string)[];
  }

  /** The SQL name of a column, qualified by `alias` when given. */
  col(key: keyof C & string, alias?: string): string {
    const name = this.columns[key].name;
    return alias ? `${alias}.${name}` : name;
  }

  /** A column as a JSON source for jsonObjectSql/fromShape/jsonSchemaOf. */
  ref(key: keyof C & string, alias?: string): JsonColumn {
    const c = this.columns[key];
    return {
      kind: 'column',
      sql: this.col(key, alias),
      type: c.type,
      alias: alias ?? '',
      key,
      nullable: c.nullable ?? false,
    };
  }

  /** `INSERT INTO t (every column) VALUES (?, ...)`, for `rows` rows at once. */
  insertSql(rows = 1): string {
    const marks = `(${this.keys.map(() => '?').join(', ')})`;
    return (
      `INSERT INTO ${this.name} (${this.keys.map((k) => this.columns[k].name).join(', ')}) ` +
      `VALUES ${Array.from({ length: rows }, () => marks).join(', ')}`
    );
  }

  /** The INSERT's parameters for one row, in column order. */
  insertParams(row: RowOf<C>): SqlValue[] {
    return this.keys.map((k) => row[k] as SqlValue);
  }

  /** `alias.column AS "key", ...`: selects a whole row keyed like the entity (quoted: PostgreSQL folds case). */
  selectList(alias: string): string {
    return this.keys.map((k) => `${alias}.${this.columns[k].name} AS "${k}"`).join(', ');
  }

  /** A row read with selectList, with numbers and booleans as such on both engines. */
  fromObject(o: Record<string, unknown>): RowOf<C> {
    const row: Record<string, unknown> = {};
    for (const k of this.keys) row[k] = convert(o[k], this.columns[k].type);
    return row as RowOf<C>;
  }

  /** The TypeORM entity of this table (named `name`), so that the data source knows it. */
  entitySchema(name: string): EntitySchema<RowOf<C>> {
    const columns: Record<string, EntitySchemaColumnOptions> = {};
    for (const k of this.keys) {
      const c = this.columns[k];
      columns[k] = {
        name: c.name,
        type: c.type,
        length: c.length,
        nullable: c.nullable ?? false,
        primary: c.primary ?? false,
        default: c.default,
      };
    }
    const indices: EntitySchemaIndexOptions[] = this.indices.map((i) => ({ name: i.name, columns: [...i.columns] }));
    return new EntitySchema<RowOf<C>>({ name, tableName: this.name, columns: columns as never, indices });
  }
}

/** A column in a JSON shape: its SQL expression, its type, and where it is read from in a row (alias, key). */
export interface JsonColumn {
  kind: 'column';
  sql: string;
  type: ColumnType;
  alias: string;
  key: string;
  nullable: boolean;
}

/** A JSON object, field by field in order: each a column or a nested object. */
export type JsonShape = readonly (readonly [field: string, source: JsonColumn | JsonShape])[];

/**
 * The SQL expression that has the database build one row's JSON object (text) from a shape: SQLite's json_object,
 * PostgreSQL's json_build_object. Numbers come out as numbers and booleans as true/false on both engines.
 */
export function jsonObjectSql(shape: JsonShape, dialect: Dialect): string {
  const build = (s: JsonShape): string => {
    const pairs = s.map(
      ([field, source]) => `'${field}', ${isColumn(source) ? value(source, dialect) : build(source)}`,
    );
    return `${dialect === 'sqlite' ? 'json_object' : 'json_build_object'}(${pairs.join(', ')})`;
  };
  return dialect === 'sqlite' ? build(shape) : `${build(shape)}::text`;
}

/** The same object as jsonObjectSql builds, from rows already read: `rows[alias]` holds each alias' row by key. */
export function fromShape<T>(shape: JsonShape, rows: Readonly<Record<string, Record<string, unknown>>>): T {
  const build = (s: JsonShape): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [field, source] of s)
      out[field] = isColumn(source) ? convert(rows[source.alias]?.[source.key], source.type) : build(source);
    return out;
  };
  return build(shape) as T;
}

/** A JSON Schema (OpenAPI 3) of the object a shape builds: every field required, nullable columns nullable. */
export function jsonSchemaOf(shape: JsonShape): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [field, source] of shape) {
    if (!isColumn(source)) {
      properties[field] = jsonSchemaOf(source);
      continue;
    }
    const type =
      { 'double precision': 'number', integer: 'integer', boolean: 'boolean' }[source.type as string] ?? 'string';
    properties[field] = source.nullable ? { type, nullable: true } : { type };
  }
  return { type: 'object', properties, required: shape.map(([field]) => field) };
}

function isColumn(source: JsonColumn | JsonShape): source is JsonColumn {
  return !Array.isArray(source);
}

function value(c: JsonColumn, dialect: Dialect): string {
  // SQLite stores booleans as 0/1; json() marks the text as JSON so json_object embeds true/false, not a string.
  if (c.type === 'boolean' && dialect === 'sqlite')
    return `CASE WHEN ${c.sql} IS NULL THEN NULL WHEN ${c.sql} THEN json('true') ELSE json('false') END`;
  return c.sql;
}

function convert(v: unknown, type: ColumnType): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'double precision' || type === 'integer') return Number(v);
  if (type === 'boolean') return v === true || v === 1 || v === '1' || v === 't' || v === 'true';
  return v;
}
