import type { ReportDimension, TimesheetStatus } from '@timesheets/contracts';
import { Filters, placeholders, type Dialect, type SqlValue } from '@timesheets/server-core';
import type { Reach } from './reach/reach';

/**
 * The SQL of reports, on both engines. Reports read tables that time booking (timesheet_entries, projects, customers)
 * and authorization (authz_users, authz_user_groups, authz_groups) own and describe; they never write them. The
 * reports e2e suite sums the same rows with its own SQL, so a renamed column fails there.
 */

/** What a report counts: the period, the filters and the statuses, already validated. */
export interface ReportCriteria {
  from: string;
  to: string;
  person?: readonly string[];
  group?: readonly string[];
  customer?: readonly string[];
  project?: readonly string[];
  billable?: boolean;
  status: readonly TimesheetStatus[];
}

export interface SqlQuery {
  sql: string;
  params: SqlValue[];
}

interface DimensionSql {
  /** The value grouped by, per entry. */
  key: string;
  joins: readonly ('p' | 'c' | 'g')[];
  /**
   * The name shown for a key, looked up once per result row (not per entry, so that an index holding the keys serves
   * the whole aggregate); `$k` is the key column. Person: the user's name, else the name on their latest entry.
   */
  label: string | null;
}

/** An entry's month, written as idx_timesheet_entries_report_owner_month indexes it (the planners match the text). */
const MONTH = 'SUBSTR(e.date, 1, 7)';

const DIMENSIONS: Readonly<Record<ReportDimension, DimensionSql>> = {
  person: {
    key: 'e.owner_id',
    joins: [],
    label:
      'COALESCE((SELECT lu.name FROM authz_users lu WHERE lu.issuer = ? AND lu.subject = $k), ' +
      '(SELECT le.owner_name FROM timesheet_entries le WHERE le.owner_id = $k ORDER BY le.date DESC LIMIT 1))',
  },
  group: { key: 'ug.group_id', joins: ['g'], label: '(SELECT lg.name FROM authz_groups lg WHERE lg.id = $k)' },
  customer: { key: 'p.customer_id', joins: ['p'], label: '(SELECT lc.name FROM customers lc WHERE lc.id = $k)' },
  project: {
    key: 'e.project_id',
    joins: [],
    label: "(SELECT lp.code || ' ' || lp.name FROM projects lp WHERE lp.id = $k)",
  },
  billable: { key: "CASE WHEN p.billable THEN 'true' ELSE 'false' END", joins: ['p'], label: null },
  day: { key: 'e.date', joins: [], label: null },
  week: { key: 'e.week', joins: [], label: null },
  month: { key: MONTH, joins: [], label: null },
};

/** The FROM clause with the joins that are needed, and its parameters (the caller's issuer for the users' join). */
function fromClause(joins: ReadonlySet<'p' | 'c' | 'g' | 'u'>, issuer: string): SqlQuery {
  let sql = 'timesheet_entries e';
  const params: SqlValue[] = [];
  if (joins.has('p') || joins.has('c')) sql += ' JOIN projects p ON p.id = e.project_id';
  if (joins.has('c')) sql += ' LEFT JOIN customers c ON c.id = p.customer_id';
  if (joins.has('g') || joins.has('u')) {
    sql += ' LEFT JOIN authz_users u ON u.issuer = ? AND u.subject = e.owner_id';
    params.push(issuer);
  }
  if (joins.has('g')) sql += ' LEFT JOIN authz_user_groups ug ON ug.user_id = u.id';
  return { sql, params };
}

/**
 * The WHERE clause: the reach first (every query has it), then the period, statuses and filters. Drafts count only
 * for their owner. `group` filters keep the members of those groups and of every group below them (WITH RECURSIVE
 * report_groups, see withClause).
 */
function whereClause(dialect: Dialect, c: ReportCriteria, reach: Reach): Filters {
  const where = new Filters();
  if (reach.kind === 'own') where.add('e.owner_id = ?', reach.self);
  if (reach.kind === 'team') where.in('e.owner_id', reach.ownerIds);
  if (c.status.includes('draft')) where.add("(e.status <> 'draft' OR e.owner_id = ?)", reach.self);
  where.add('e.date >= ?', c.from).add('e.date <= ?', c.to);
  // Where people are sought, the same period in months too, for idx_timesheet_entries_report_owner_month (owner,
  // month, date, …): each person's entries then come out by month, so that grouping by person and month needs no
  // sort (payroll's report). A scan of everybody's period reads idx_timesheet_entries_report and skips the test.
  if (reach.kind !== 'everybody' || c.person || c.group)
    where.add(`${MONTH} >= ?`, c.from.slice(0, 7)).add(`${MONTH} <= ?`, c.to.slice(0, 7));
  // SQLite without statistics would read a status through idx_timesheet_entries_review (nearly every row): `+` keeps
  // the status a filter, so that the period or the people choose the index.
  where.in(dialect === 'sqlite' ? '+e.status' : 'e.status', c.status);
  if (c.person) where.in('e.owner_id', c.person);
  if (c.project) where.in('e.project_id', c.project);
  if (c.customer) where.in('p.customer_id', c.customer);
  if (c.billable !== undefined) where.add('p.billable = ?', c.billable);
  if (c.group)
    where.add(
      'e.owner_id IN (SELECT mu.subject FROM authz_users mu JOIN authz_user_groups mg ON mg.user_id = mu.id ' +
        'WHERE mu.issuer = ? AND mg.group_id IN (SELECT id FROM report_groups))',
      reach.issuer,
    );
  return where;
}

/** The recursive part of a group filter: the named groups and every group below them. */
function withClause(c: ReportCriteria): { ctes: string[]; params: SqlValue[] } {
  if (!c.group) return { ctes: [], params: [] };
  return {
    ctes: [
      `report_groups(id) AS (SELECT id FROM authz_groups WHERE id IN (${c.group.map(() => '?').join(', ')}) ` +
        'UNION SELECT sg.id FROM authz_groups sg JOIN report_groups rg ON sg.parent_id = rg.id)',
    ],
    params: [...c.group],
  };
}

function filterJoins(c: ReportCriteria): ('p' | 'c')[] {
  return c.customer || c.billable !== undefined ? ['p'] : [];
}

/**
 * The aggregates of a report as one statement: a UNION ALL of one GROUP BY per level (ROLLUP is not in SQLite), the
 * finest level first, then the subtotals, then the totals (level 0). Columns: `lvl, k0, l0, k1, l1, …, hours, entries`.
 * The entries are read and grouped once (a MATERIALIZED CTE); each level adds up those groups, and the labels are looked
 * up once per result row. Levels that include `group` read the entries joined to their people's groups (an entry once
 * per group); the others read each entry once. `levels`: which levels to compute (all by default); `limit`: at most this many rows.
 */
export function aggregateSql(
  dialect: Dialect,
  groupBy: readonly ReportDimension[],
  c: ReportCriteria,
  reach: Reach,
  options: { levels?: readonly number[]; limit?: number } = {},
): SqlQuery {
  const n = groupBy.length;
  const levels = options.levels ?? Array.from({ length: n + 1 }, (_, i) => n - i);
  const groupAt = groupBy.indexOf('group');
  const where = whereClause(dialect, c, reach);
  const w = withClause(c);
  const ctes = [...w.ctes];
  const params: SqlValue[] = [...w.params];
  // Each source is grouped by all its dimensions once, over the entries; coarser levels add up those groups.
  const baseOf = (name: string, indexes: readonly number[]) => {
    const dims = indexes.map((i) => groupBy[i]);
    const joins = new Set([...dims.flatMap((d) => DIMENSIONS[d].joins), ...filterJoins(c)]);
    const from = fromClause(joins, reach.issuer);
    const cols = indexes.map((i) => `${DIMENSIONS[groupBy[i]].key} AS k${i}`);
    const by = indexes.length ? ` GROUP BY ${indexes.map((_, j) => j + 1).join(', ')}` : '';
    ctes.push(
      `${name} AS MATERIALIZED (SELECT ${[...cols, 'SUM(e.hours) AS h', 'COUNT(*) AS n'].join(', ')} ` +
        `FROM ${from.sql} WHERE ${where.sql}${by})`,
    );
    params.push(...from.params, ...where.params);
  };
  const all = groupBy.map((_, i) => i);
  const plain = groupAt < 0 ? all : all.slice(0, groupAt);
  if (levels.some((l) => l <= (groupAt < 0 ? n : groupAt))) baseOf('base', plain);
  if (groupAt >= 0 && levels.some((l) => l > groupAt)) baseOf('based', all);
  const entries = dialect === 'postgres' ? 'CAST(COALESCE(SUM(n), 0) AS integer)' : 'COALESCE(SUM(n), 0)';
  const branches = levels.map((level) => {
    const source = groupAt >= 0 && level > groupAt ? 'based' : 'base';
    const cols = all.map((i) => (i < level ? `k${i}` : `CAST(NULL AS varchar) AS k${i}`));
    const by = all.slice(0, level).map((i) => `k${i}`);
    return (
      `SELECT ${level} AS lvl, ${[...cols, 'COALESCE(SUM(h), 0) AS hours', `${entries} AS entries`].join(', ')} ` +
      `FROM ${source}${by.length ? ` GROUP BY ${by.join(', ')}` : ''}`
    );
  });
  const labels = all.map((i) => {
    const label = DIMENSIONS[groupBy[i]].label;
    if (label?.includes('?')) params.push(reach.issuer);
    return `${label ? label.replaceAll('$k', `r.k${i}`) : 'CAST(NULL AS varchar)'} AS l${i}`;
  });
  const select = ['r.lvl', ...all.flatMap((i) => [`r.k${i}`, labels[i]]), 'r.hours', 'r.entries'];
  const order = [
    'r.lvl DESC',
    ...all.flatMap((i) => [`(r.k${i} IS NULL)`, ...(DIMENSIONS[groupBy[i]].label ? [`l${i}`] : []), `r.k${i}`]),
  ];
  const recursive = c.group ? 'RECURSIVE ' : '';
  const sql =
    `WITH ${recursive}${ctes.join(', ')} SELECT ${select.join(', ')} FROM (${branches.join(' UNION ALL ')}) r ` +
    `ORDER BY ${order.join(', ')}${options.limit !== undefined ? ' LIMIT ?' : ''}`;
  if (options.limit !== undefined) params.push(options.limit);
  return { sql: placeholders(sql, dialect), params };
}

/** The columns of a detail export's rows, in order (DETAIL_EXPORT_COLUMNS names them). */
export type DetailRow = [
  date: string,
  week: string,
  person: string | null,
  email: string | null,
  customer: string | null,
  code: string,
  project: string,
  billable: boolean | number,
  status: string,
  hours: number,
  notes: string | null,
];

/** One line per entry, by date then person (idx_timesheet_entries_report serves the order). */
export function detailSql(dialect: Dialect, c: ReportCriteria, reach: Reach): SqlQuery {
  const where = whereClause(dialect, c, reach);
  const w = withClause(c);
  const from = fromClause(new Set(['p', 'c', 'u'] as const), reach.issuer);
  const sql =
    `${w.ctes.length ? `WITH RECURSIVE ${w.ctes.join(', ')} ` : ''}` +
    'SELECT e.date, e.week, e.owner_name, u.email, c.name, p.code, p.name, p.billable, e.status, e.hours, e.notes ' +
    `FROM ${from.sql} WHERE ${where.sql} ORDER BY e.date, e.owner_id`;
  return { sql: placeholders(sql, dialect), params: [...w.params, ...from.params, ...where.params] };
}
