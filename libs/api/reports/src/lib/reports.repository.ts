import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReportDimension, TimesheetStatus } from '@timesheets/contracts';
import { type Dialect, Filters, SqlRunner, type SqlValue } from '@timesheets/server-core';
import type { Reach } from './reach/reach';
import { aggregateSql, detailSql, type DetailRow, type ReportCriteria } from './report.sql';
import { readRows } from './row-cursor';

/** One row of an aggregate: its level (how many keys), a key and a label per dimension, hours and entries. */
export interface AggregateRow {
  level: number;
  keys: (string | null)[];
  labels: (string | null)[];
  hours: number;
  entries: number;
}

export interface PersonRow {
  userId: string;
  ownerId: string;
  name: string | null;
  email: string | null;
}

export interface PersonWeekRow {
  ownerId: string;
  week: string;
  status: TimesheetStatus;
  hours: number;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

function aggregateRow(r: unknown[], dims: number): AggregateRow {
  const keys: (string | null)[] = [];
  const labels: (string | null)[] = [];
  for (let i = 0; i < dims; i++) {
    keys.push(r[1 + 2 * i] === null ? null : String(r[1 + 2 * i]));
    labels.push(r[2 + 2 * i] === null ? null : String(r[2 + 2 * i]));
  }
  return {
    level: Number(r[0]),
    keys,
    labels,
    hours: round2(Number(r[1 + 2 * dims])),
    entries: Number(r[2 + 2 * dims]),
  };
}

/**
 * Every read of reports: the SQL text lives in report.sql.ts and here. Every method that reads entries takes the
 * caller's Reach and puts it in its WHERE clause.
 */
@Injectable()
export class ReportsRepository {
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.sql = new SqlRunner(db);
  }

  get dialect(): Dialect {
    return this.sql.dialect;
  }

  /** Every level of a report, finest first, at most `limit` rows. */
  async aggregate(
    groupBy: readonly ReportDimension[],
    c: ReportCriteria,
    reach: Reach,
    limit: number,
  ): Promise<AggregateRow[]> {
    const q = aggregateSql(this.dialect, groupBy, c, reach, { limit });
    return (await this.sql.rows(q.sql, q.params)).map((r) => aggregateRow(r, groupBy.length));
  }

  /** The totals (level 0) of what the criteria select. */
  async totals(c: ReportCriteria, reach: Reach): Promise<{ hours: number; entries: number }> {
    const q = aggregateSql(this.dialect, [], c, reach);
    const [row] = (await this.sql.rows(q.sql, q.params)).map((r) => aggregateRow(r, 0));
    return { hours: row.hours, entries: row.entries };
  }

  /** The finest level of a report, from a cursor. */
  async *streamAggregate(
    groupBy: readonly ReportDimension[],
    c: ReportCriteria,
    reach: Reach,
  ): AsyncGenerator<AggregateRow[]> {
    const q = aggregateSql(this.dialect, groupBy, c, reach, { levels: [groupBy.length] });
    for await (const batch of readRows(this.db, q.sql, q.params))
      yield batch.map((r) => aggregateRow(r, groupBy.length));
  }

  /** One row per entry, from a cursor. */
  streamDetail(c: ReportCriteria, reach: Reach): AsyncGenerator<DetailRow[]> {
    const q = detailSql(this.dialect, c, reach);
    return readRows(this.db, q.sql, q.params) as AsyncGenerator<DetailRow[]>;
  }

  /** People known to the authorization service who signed in with this issuer (so they own entries), by name. */
  async people(issuer: string, ownerIds?: readonly string[]): Promise<PersonRow[]> {
    const where = new Filters().add('issuer = ?', issuer).add('subject IS NOT NULL');
    if (ownerIds) where.in('subject', ownerIds);
    return this.sql.objects<PersonRow>(
      `SELECT id AS "userId", subject AS "ownerId", name, email FROM authz_users WHERE ${where.sql} ` +
        'ORDER BY COALESCE(name, email, subject), id',
      where.params,
    );
  }

  async groups(ids?: readonly string[]): Promise<{ id: string; name: string }[]> {
    const where = new Filters();
    if (ids) where.in('id', ids);
    return this.sql.objects(`SELECT id, name FROM authz_groups WHERE ${where.sql} ORDER BY name, id`, where.params);
  }

  async customers(): Promise<{ id: string; name: string }[]> {
    return this.sql.objects('SELECT id, name FROM customers ORDER BY name, id', []);
  }

  async projects(): Promise<
    { id: string; code: string; name: string; customerId: string | null; billable: boolean }[]
  > {
    const rows = await this.sql.objects<{
      id: string;
      code: string;
      name: string;
      customerId: string | null;
      billable: boolean | number;
    }>('SELECT id, code, name, customer_id AS "customerId", billable FROM projects ORDER BY code', []);
    return rows.map((r) => ({ ...r, billable: Boolean(r.billable) }));
  }

  /** Hours per person, week and status (drafts included: the dashboard says who has not submitted). */
  async personWeeks(reach: Reach, ownerIds: readonly string[], weeks: readonly string[]): Promise<PersonWeekRow[]> {
    const where = new Filters();
    if (reach.kind === 'own') where.add('owner_id = ?', reach.self);
    if (reach.kind === 'team') where.in('owner_id', reach.ownerIds);
    where.in('owner_id', ownerIds).in('week', weeks);
    const rows = await this.sql.rows(
      `SELECT owner_id, week, status, SUM(hours) FROM timesheet_entries WHERE ${where.sql} ` +
        'GROUP BY owner_id, week, status',
      where.params,
    );
    return rows.map((r) => ({
      ownerId: String(r[0]),
      week: String(r[1]),
      status: r[2] as TimesheetStatus,
      hours: round2(Number(r[3])),
    }));
  }

  /** Every group's parent and its own expected week (null: not set). */
  async groupWorkWeeks(): Promise<{ id: string; parentId: string | null; hours: number | null }[]> {
    const rows = await this.sql.rows(
      'SELECT g.id, g.parent_id, w.expected_week_hours FROM authz_groups g ' +
        'LEFT JOIN group_work_weeks w ON w.group_id = g.id',
      [],
    );
    return rows.map((r) => ({
      id: String(r[0]),
      parentId: r[1] === null ? null : String(r[1]),
      hours: r[2] === null ? null : Number(r[2]),
    }));
  }

  /** The groups each of these users belongs to directly. */
  async directGroups(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (userIds.length === 0) return out;
    const where = new Filters().in('user_id', userIds);
    for (const [userId, groupId] of await this.sql.rows(
      `SELECT user_id, group_id FROM authz_user_groups WHERE ${where.sql}`,
      where.params,
    ))
      out.set(String(userId), [...(out.get(String(userId)) ?? []), String(groupId)]);
    return out;
  }

  async groupExists(id: string, m?: EntityManager): Promise<boolean> {
    return (await this.sql.rows('SELECT 1 FROM authz_groups WHERE id = ?', [id], m)).length > 0;
  }

  async workWeekOf(id: string, m?: EntityManager): Promise<number | null> {
    const rows = await this.sql.rows('SELECT expected_week_hours FROM group_work_weeks WHERE group_id = ?', [id], m);
    return rows.length > 0 ? Number(rows[0][0]) : null;
  }

  /** Sets (or with null removes) a group's own expected week, in the transaction `m`. */
  async setWorkWeek(id: string, hours: number | null, now: string, m: EntityManager): Promise<void> {
    await this.sql.run('DELETE FROM group_work_weeks WHERE group_id = ?', [id], m);
    if (hours !== null)
      await this.sql.run(
        'INSERT INTO group_work_weeks (group_id, expected_week_hours, updated_at) VALUES (?, ?, ?)',
        [id, hours, now] as SqlValue[],
        m,
      );
  }
}
