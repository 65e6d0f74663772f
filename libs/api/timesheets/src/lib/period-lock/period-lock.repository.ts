import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlRunner } from '@timesheets/server-core';
import { PERIOD_LOCK, type PeriodLockRow } from './period-lock.table';

const SELECT = `SELECT ${PERIOD_LOCK.selectList('l')} FROM ${PERIOD_LOCK.name} l WHERE l.${PERIOD_LOCK.col('id')} = 1`;

/** The period lock's one row. */
@Injectable()
export class PeriodLockRepository {
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = new SqlRunner(db);
  }

  /**
   * The lock. With `hold` (inside the transaction `m`), on PostgreSQL the row is read FOR SHARE, so that moving the
   * lock waits for the changes that checked it (SQLite runs one transaction at a time anyway).
   */
  async read(m?: EntityManager, { hold = false } = {}): Promise<PeriodLockRow> {
    const forShare = hold && this.sql.dialect === 'postgres' ? ' FOR SHARE' : '';
    const rows = await this.sql.objects<Record<string, unknown>>(`${SELECT}${forShare}`, [], m);
    if (rows.length !== 1) throw new Error('period_lock has no row; have the migrations run?');
    return PERIOD_LOCK.fromObject(rows[0]);
  }

  async write(row: Omit<PeriodLockRow, 'id'>, m: EntityManager): Promise<void> {
    await this.sql.run(
      `UPDATE ${PERIOD_LOCK.name} SET ${PERIOD_LOCK.col('lockedThrough')} = ?, ${PERIOD_LOCK.col('updatedAt')} = ?, ` +
        `${PERIOD_LOCK.col('updatedBy')} = ? WHERE ${PERIOD_LOCK.col('id')} = 1`,
      [row.lockedThrough, row.updatedAt, row.updatedBy],
      m,
    );
  }
}
