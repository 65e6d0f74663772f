import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TimesheetStatus } from '@timesheets/contracts';
import { Filters, SqlRunner, type SqlValue } from '@timesheets/server-core';
import { E, ENTRIES, ENTRY_JSON, type EntryRow } from './entry.table';

/** A keyset page's rows: `[entry JSON, ...sort key]`, at most `limit + 1` of them (see keysetPageJson). */
export type PageRows = unknown[][];

export interface OwnPageQuery {
  ownerId: string;
  from?: string;
  to?: string;
  status?: TimesheetStatus;
  /** The last row's (date, id) of the previous page. */
  after: readonly [string, string] | null;
  limit: number;
}

export interface QueuePageQuery {
  /** Whose entries never appear (the caller's own). */
  excludeOwnerId: string;
  queueRank?: number;
  /** The last row's (queue rank, date, id) of the previous page. */
  after: readonly [number, string, string] | null;
  limit: number;
}

const T = `${ENTRIES.name} ${E}`;
const c = (key: keyof EntryRow) => ENTRIES.col(key, E);

/**
 * Every read and write of timesheet entries. Writes that depend on what was read are conditional on the row's
 * version (every change bumps it), so a change made meanwhile makes them change nothing instead of being overwritten.
 * `m` is the transaction to run in, when the caller has one.
 */
@Injectable()
export class EntryRepository {
  private readonly sql: SqlRunner;
  private readonly json: string;
  private readonly selectRow: string;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = new SqlRunner(db);
    this.json = ENTRY_JSON[this.sql.dialect];
    this.selectRow = `SELECT ${ENTRIES.selectList(E)} FROM ${T}`;
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
      `SELECT ${this.json} AS j, ${c('date')} AS k0, ${c('id')} AS k1 FROM ${T} ` +
        `WHERE ${where.sql} ORDER BY ${c('date')} DESC, ${c('id')} DESC LIMIT ?`,
      [...where.params, q.limit + 1],
    );
  }

  /** Others' entries, pending first, oldest first: keyset on (queue_rank, date, id), idx_timesheet_entries_queue. */
  pageQueue(q: QueuePageQuery): Promise<PageRows> {
    const where = new Filters().add(`${c('ownerId')} <> ?`, q.excludeOwnerId);
    if (q.queueRank !== undefined) where.add(`${c('queueRank')} = ?`, q.queueRank);
    if (q.after) {
      const [rank, date, id] = q.after;
      where.add(
        `(${c('queueRank')} > ? OR (${c('queueRank')} = ? AND (${c('date')} > ? OR (${c('date')} = ? AND ${c('id')} > ?))))`,
        rank,
        rank,
        date,
        date,
        id,
      );
    }
    return this.sql.rows(
      `SELECT ${this.json} AS j, ${c('queueRank')} AS k0, ${c('date')} AS k1, ${c('id')} AS k2 FROM ${T} ` +
        `WHERE ${where.sql} ORDER BY ${c('queueRank')} ASC, ${c('date')} ASC, ${c('id')} ASC LIMIT ?`,
      [...where.params, q.limit + 1],
    );
  }

  async find(id: string, m?: EntityManager): Promise<EntryRow | null> {
    const rows = await this.sql.objects<Record<string, unknown>>(`${this.selectRow} WHERE ${c('id')} = ?`, [id], m);
    return rows.length > 0 ? ENTRIES.fromObject(rows[0]) : null;
  }

  async insert(row: EntryRow, m?: EntityManager): Promise<void> {
    await this.sql.run(ENTRIES.insertSql(), ENTRIES.insertParams(row), m);
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
    const params: SqlValue[] = keys.map((k) => changes[k] as SqlValue);
    const changed = await this.sql.run(
      `UPDATE ${ENTRIES.name} SET ${set.join(', ')} WHERE ${ENTRIES.col('id')} = ? AND ${ENTRIES.col('version')} = ?`,
      [...params, row.id, row.version],
      m,
    );
    return changed === 1;
  }

  /** Deletes the row if it still has the version it was read with; false when it changed or went away meanwhile. */
  async deleteIfUnchanged(row: Pick<EntryRow, 'id' | 'version'>, m?: EntityManager): Promise<boolean> {
    const changed = await this.sql.run(
      `DELETE FROM ${ENTRIES.name} WHERE ${ENTRIES.col('id')} = ? AND ${ENTRIES.col('version')} = ?`,
      [row.id, row.version],
      m,
    );
    return changed === 1;
  }
}
