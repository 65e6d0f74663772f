import { column, type RowOf, SqlTable } from '@timesheets/server-core';

/** One row (id 1): nothing dated on or before `lockedThrough` changes. */
export const PERIOD_LOCK = new SqlTable('period_lock', {
  id: column<number>('id', 'integer', { primary: true }),
  lockedThrough: column<string | null>('locked_through', 'varchar', { length: 10, nullable: true }),
  updatedAt: column<string | null>('updated_at', 'varchar', { length: 32, nullable: true }),
  updatedBy: column<string | null>('updated_by', 'varchar', { length: 320, nullable: true }),
});
export type PeriodLockRow = RowOf<typeof PERIOD_LOCK.columns>;
export const PeriodLockEntity = PERIOD_LOCK.entitySchema('PeriodLock');
