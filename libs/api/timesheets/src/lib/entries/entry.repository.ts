import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProjectRef, QueueStatus, TimesheetStatus } from '@timesheets/contracts';
import { type Dialect, Filters, SqlRunner, type SqlValue } from '@timesheets/server-core';
import { P, PROJECTS } from '../projects/project.tables';
import { E, ENTRIES, ENTRY_JSON, type EntryRow } from './entry.table';

/** A keyset page's rows: `[entry JSON, ...sort key]`, at most `limit + 1` of them (see keysetPageJson). */
export type PageRows = unknown[][];

/** An entry with what its contract shows of its project. */
export interface EntryRecord {
  row: EntryRow;
  project: ProjectRef;
}

export interface OwnPageQuery {
  ownerId: string;
  from?: string;
  to?: string;
  status?: TimesheetStatus;
  /** The last row's (date, id) of the previous page. */
  after: readonly [string, string] | null;
  limit: number;
}

export interface QueueQuery {
  status: QueueStatus;
  ownerIds: readonly string[];
  projectId?: string;
  fromWeek?: string;
  toWeek?: string;
  /** The last item's (week, ownerId) of the previous page. */
  after: readonly [string, string] | null;
  /** Oldest week first (pending) or newest first. */
  newestFirst: boolean;
  limit: number;
}

/** One person-week of the queue: hours in all and per day (Monday first), and how many entries. */
export interface QueueRow {
  ownerId: string;
  week: string;
  hours: number;
  days: number[];
  entries: number;
}

const T = `${ENTRIES.name} ${E}`;
const JOINED = `${T} JOIN ${PROJECTS.name} ${P} ON ${PROJECTS.col('id', P)} = ${ENTRIES.col('projectId', E)}`;
const c = (key: keyof EntryRow) => ENTRIES.col(key, E);

/** One decision on a person-week: the status it set, who made it and when (`decideWeek`'s `now`). */
export interface DecisionRef {
  status: 'approved' | 'rejected';
  decidedBy: string;
  decidedAt: string;
}

/** The entries of an owner's week that still carry a decision (parameters: owner, week, status, decider, time). */
const DECISION_WHERE =
  `${ENTRIES.col('ownerId')} = ? AND ${ENTRIES.col('week')} = ? AND ${ENTRIES.col('status')} = ? AND ` +
  `${ENTRIES.col('decidedBy')} = ? AND ${ENTRIES.col('decidedAt')} = ? AND ${ENTRIES.col('updatedAt')} = ${ENTRIES.col('decidedAt')}`;
/** Rows of one multi-row INSERT (15 parameters each, far below either engine's limit). */
const INSERT_CHUNK = 50;

/** Monday 0 .. Sunday 6 of `e.date`, per engine. */
const WEEKDAY: Record<Dialect, string> = {
  sqlite: `((CAST(strftime('%w', ${c('date')}) AS INTEGER) + 6) % 7)`,
  postgres: `(EXTRACT(ISODOW FROM CAST(${c('date')} AS date))::int - 1)`,
};

/**
 * Every read and write of timesheet entries: the SQL text lives here. Writes that depend on what was read are
 * conditional (on the row's version, or on the status they change), so a change made meanwhile makes them change
 * nothing instead of being overwritten. `m` is the transaction to run in, when the caller has one.
 */
@Injectable()
export class EntryRepository {
  private readonly sql: SqlRunner;
  private readonly json: string;
  private readonly selectRecord: string;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = new SqlRunner(db);
    this.json = ENTRY_JSON[this.sql.dialect];
    this.selectRecord =
      `SELECT ${ENTRIES.selectList(E)}, ${PROJECTS.col('code', P)} AS "projectCode", ` +
      `${PROJECTS.col('name', P)} AS "projectName" FROM ${JOINED}`;
  }

  get dialect(): Dialect {
    return this.sql.dialect;
  }

  /** One owner's entries, newest first: keyset on (date, id) descending, served by idx_timesheet_entries_owner_date. */
  pageOwn(q: OwnPageQuery): Promise<PageRows> {
    const where = new Filters().add(`${c('ownerId')} = ?`, q.ownerId);
    if (q.from) where.add(`${c('date')} >= ?`, q.from);
    if (q.to) where.add(`${c('date')} <= ?`, q.to);
    if (q.status) where.add(`${c('status')} = ?`, q.status);
    if (q.after) {
      const [date, id] = q.after;
      where.add(`(${c('date')} < ? OR (${c('date')} = ? AND ${c('id')} < ?))`, date, date, id);
    }
    return this.sql.rows(
      `SELECT ${this.json} AS j, ${c('date')} AS k0, ${c('id')} AS k1 FROM ${JOINED} ` +
        `WHERE ${where.sql} ORDER BY ${c('date')} DESC, ${c('id')} DESC LIMIT ?`,
      [...where.params, q.limit + 1],
    );
  }

  async find(id: string, m?: EntityManager): Promise<EntryRecord | null> {
    const rows = await this.sql.objects<Record<string, unknown>>(`${this.selectRecord} WHERE ${c('id')} = ?`, [id], m);
    return rows.length > 0 ? record(rows[0]) : null;
  }

  /** One owner's entries dated `from` to `to` (inclusive), by date, project code and creation. */
  async ofOwner(ownerId: string, from: string, to: string, m?: EntityManager): Promise<EntryRecord[]> {
    const rows = await this.sql.objects<Record<string, unknown>>(
      `${this.selectRecord} WHERE ${c('ownerId')} = ? AND ${c('date')} >= ? AND ${c('date')} <= ? ` +
        `ORDER BY ${c('date')}, ${PROJECTS.col('code', P)}, ${c('createdAt')}, ${c('id')}`,
      [ownerId, from, to],
      m,
    );
    return rows.map(record);
  }

  /** The hours an owner has booked on a day, every status, leaving out the entry `except`. */
  async hoursOn(ownerId: string, date: string, except: string | null, m?: EntityManager): Promise<number> {
    const rows = await this.sql.rows(
      `SELECT COALESCE(SUM(${c('hours')}), 0) FROM ${T} WHERE ${c('ownerId')} = ? AND ${c('date')} = ? AND ${c('id')} <> ?`,
      [ownerId, date, except ?? ''],
      m,
    );
    return Number(rows[0][0]);
  }

  /**
   * The hours booked per owner and day (every status) for these owners from `from` to `to`, keyed `owner\ndate`:
   * one query for a whole import instead of one per row.
   */
  async hoursByDay(
    ownerIds: readonly string[],
    from: string,
    to: string,
    m?: EntityManager,
  ): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    for (let i = 0; i < ownerIds.length; i += 500) {
      const where = new Filters()
        .in(c('ownerId'), ownerIds.slice(i, i + 500))
        .add(`${c('date')} >= ?`, from)
        .add(`${c('date')} <= ?`, to);
      const rows = await this.sql.rows(
        `SELECT ${c('ownerId')} AS o, ${c('date')} AS d, SUM(${c('hours')}) AS h FROM ${T} WHERE ${where.sql} ` +
          `GROUP BY ${c('ownerId')}, ${c('date')}`,
        where.params,
        m,
      );
      for (const [owner, date, hours] of rows) totals.set(`${String(owner)}\n${String(date)}`, Number(hours));
    }
    return totals;
  }

  /** lockOwner for several owners, in one order everywhere (two imports cannot wait for each other). */
  async lockOwners(ownerIds: readonly string[], m: EntityManager): Promise<void> {
    for (const id of [...new Set(ownerIds)].sort()) await this.lockOwner(id, m);
  }

  /**
   * On PostgreSQL, makes the transaction `m` wait until no other transaction is changing this owner's entries, and
   * keeps others out until it ends: a day's total is checked and written by one of them at a time. (SQLite runs one
   * transaction at a time anyway.)
   */
  async lockOwner(ownerId: string, m: EntityManager): Promise<void> {
    if (this.sql.dialect === 'postgres')
      await m.query('SELECT pg_advisory_xact_lock(7242002, hashtext($1))', [ownerId]);
  }

  async insert(rows: readonly EntryRow[], m?: EntityManager): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      await this.sql.run(
        ENTRIES.insertSql(chunk.length),
        chunk.flatMap((r) => ENTRIES.insertParams(r)),
        m,
      );
    }
  }

  /**
   * Applies `changes` and bumps the version, if the row still has the version it was read with; false when it
   * changed (or went away) meanwhile, and then nothing was written.
   */
  async updateIfUnchanged(
    row: Pick<EntryRow, 'id' | 'version'>,
    changes: Partial<Omit<EntryRow, 'id' | 'version'>>,
    m?: EntityManager,
  ): Promise<boolean> {
    const keys = Object.keys(changes) as (keyof typeof changes)[];
    const set = keys.map((k) => `${ENTRIES.col(k)} = ?`);
    set.push(`${ENTRIES.col('version')} = ${ENTRIES.col('version')} + 1`);
    const changed = await this.sql.run(
      `UPDATE ${ENTRIES.name} SET ${set.join(', ')} WHERE ${ENTRIES.col('id')} = ? AND ${ENTRIES.col('version')} = ?`,
      [...keys.map((k) => changes[k] as SqlValue), row.id, row.version],
      m,
    );
    return changed === 1;
  }

  /** Deletes rows that still have the versions they were read with; resolves to how many it deleted. */
  async deleteIfUnchanged(rows: readonly Pick<EntryRow, 'id' | 'version'>[], m?: EntityManager): Promise<number> {
    let deleted = 0;
    for (const row of rows)
      deleted += await this.sql.run(
        `DELETE FROM ${ENTRIES.name} WHERE ${ENTRIES.col('id')} = ? AND ${ENTRIES.col('version')} = ?`,
        [row.id, row.version],
        m,
      );
    return deleted;
  }

  /** Makes an owner's drafts of a week pending; resolves to how many. */
  submitWeek(ownerId: string, week: string, now: string, m: EntityManager): Promise<number> {
    return this.sql.run(
      `UPDATE ${ENTRIES.name} SET ${ENTRIES.col('status')} = 'pending', ${ENTRIES.col('updatedAt')} = ?, ` +
        `${ENTRIES.col('version')} = ${ENTRIES.col('version')} + 1 ` +
        `WHERE ${ENTRIES.col('ownerId')} = ? AND ${ENTRIES.col('week')} = ? AND ${ENTRIES.col('status')} = 'draft'`,
      [now, ownerId, week],
      m,
    );
  }

  /** An owner's entries of a week in one status: id, date and hours. */
  async ofWeekInStatus(
    ownerId: string,
    week: string,
    status: TimesheetStatus,
    m?: EntityManager,
  ): Promise<{ id: string; date: string; hours: number }[]> {
    const rows = await this.sql.rows(
      `SELECT ${c('id')}, ${c('date')}, ${c('hours')} FROM ${T} ` +
        `WHERE ${c('ownerId')} = ? AND ${c('week')} = ? AND ${c('status')} = ? ORDER BY ${c('date')}, ${c('id')}`,
      [ownerId, week, status],
      m,
    );
    return rows.map(([id, date, hours]) => ({ id: id as string, date: date as string, hours: Number(hours) }));
  }

  /** Decides every pending entry of an owner's week; resolves to how many it changed. */
  decideWeek(
    ownerId: string,
    week: string,
    decision: { status: 'approved' | 'rejected'; decidedBy: string; reason: string | null; now: string },
    m: EntityManager,
  ): Promise<number> {
    return this.sql.run(
      `UPDATE ${ENTRIES.name} SET ${ENTRIES.col('status')} = ?, ${ENTRIES.col('decidedBy')} = ?, ` +
        `${ENTRIES.col('decidedAt')} = ?, ${ENTRIES.col('rejectionReason')} = ?, ${ENTRIES.col('updatedAt')} = ?, ` +
        `${ENTRIES.col('version')} = ${ENTRIES.col('version')} + 1 ` +
        `WHERE ${ENTRIES.col('ownerId')} = ? AND ${ENTRIES.col('week')} = ? AND ${ENTRIES.col('status')} = 'pending'`,
      [decision.status, decision.decidedBy, decision.now, decision.reason, decision.now, ownerId, week],
      m,
    );
  }

  /**
   * The dates of an owner's entries of a week that still carry one decision: its status, made by `decidedBy` at
   * `decidedAt`, and untouched since (every change moves `updated_at` on from `decided_at`).
   */
  async datesOfDecision(ownerId: string, week: string, d: DecisionRef, m: EntityManager): Promise<string[]> {
    const rows = await this.sql.rows(
      `SELECT ${ENTRIES.col('date')} FROM ${ENTRIES.name} WHERE ${DECISION_WHERE}`,
      [ownerId, week, d.status, d.decidedBy, d.decidedAt],
      m,
    );
    return rows.map(([date]) => date as string);
  }

  /** Makes the entries that still carry a decision (as `datesOfDecision` finds them) pending again; resolves to how many. */
  undoDecision(ownerId: string, week: string, d: DecisionRef, now: string, m: EntityManager): Promise<number> {
    return this.sql.run(
      `UPDATE ${ENTRIES.name} SET ${ENTRIES.col('status')} = 'pending', ${ENTRIES.col('decidedBy')} = NULL, ` +
        `${ENTRIES.col('decidedAt')} = NULL, ${ENTRIES.col('rejectionReason')} = NULL, ${ENTRIES.col('updatedAt')} = ?, ` +
        `${ENTRIES.col('version')} = ${ENTRIES.col('version')} + 1 WHERE ${DECISION_WHERE}`,
      [now, ownerId, week, d.status, d.decidedBy, d.decidedAt],
      m,
    );
  }

  /**
   * Person-weeks of the given owners with entries in a status, with their totals: keyset on (week, owner). Served by
   * idx_timesheet_entries_review, walked in week order (SQLite is told to use it: with a list of owners its planner
   * would rather look each owner up and sort everything they ever booked), so a page costs about the rows it shows.
   */
  async queue(q: QueueQuery): Promise<QueueRow[]> {
    if (q.ownerIds.length === 0) return [];
    const where = new Filters().add(`${c('status')} = ?`, q.status).in(c('ownerId'), q.ownerIds);
    if (q.fromWeek) where.add(`${c('week')} >= ?`, q.fromWeek);
    if (q.toWeek) where.add(`${c('week')} <= ?`, q.toWeek);
    if (q.projectId) where.add(`${c('projectId')} = ?`, q.projectId);
    const dir = q.newestFirst ? 'DESC' : 'ASC';
    if (q.after) {
      const [week, owner] = q.after;
      const cmp = q.newestFirst ? '<' : '>';
      where.add(`(${c('week')} ${cmp} ? OR (${c('week')} = ? AND ${c('ownerId')} ${cmp} ?))`, week, week, owner);
    }
    const weekday = WEEKDAY[this.sql.dialect];
    const days = Array.from(
      { length: 7 },
      (_, i) => `SUM(CASE WHEN ${weekday} = ${i} THEN ${c('hours')} ELSE 0 END) AS d${i}`,
    );
    const from = this.sql.dialect === 'sqlite' ? `${T} INDEXED BY idx_timesheet_entries_review` : T;
    const rows = await this.sql.rows(
      `SELECT ${c('ownerId')} AS o, ${c('week')} AS w, SUM(${c('hours')}) AS h, COUNT(*) AS n, ${days.join(', ')} FROM ${from} ` +
        `WHERE ${where.sql} GROUP BY ${c('week')}, ${c('ownerId')} ORDER BY ${c('week')} ${dir}, ${c('ownerId')} ${dir} LIMIT ?`,
      [...where.params, q.limit],
    );
    return rows.map((r) => ({
      ownerId: r[0] as string,
      week: r[1] as string,
      hours: round2(Number(r[2])),
      entries: Number(r[3]),
      days: r.slice(4, 11).map((h) => round2(Number(h))),
    }));
  }
}

function record(o: Record<string, unknown>): EntryRecord {
  const row = ENTRIES.fromObject(o);
  return { row, project: { id: row.projectId, code: o['projectCode'] as string, name: o['projectName'] as string } };
}

/** Sums of hours with two decimals, without the float noise of adding 0.1s. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
