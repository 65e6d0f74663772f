import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TimesheetStatus } from '@timesheets/contracts';

/** Sort rank of a status in the approvals queue: pending first. */
export const QUEUE_RANK: Record<TimesheetStatus, number> = { pending: 0, rejected: 1, approved: 2 };

/**
 * One timesheet entry. Times are ISO-8601 UTC strings and dates `YYYY-MM-DD` strings, so that they compare and
 * sort the same way on SQLite and PostgreSQL.
 */
@Entity({ name: 'timesheet_entries' })
@Index('idx_timesheet_entries_owner_date', ['ownerId', 'date', 'id'])
@Index('idx_timesheet_entries_queue', ['queueRank', 'date', 'id'])
export class TimesheetEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'owner_id', type: 'varchar', length: 255 })
  ownerId!: string;

  @Column({ name: 'owner_name', type: 'varchar', length: 320, nullable: true })
  ownerName!: string | null;

  @Column({ type: 'varchar', length: 10 })
  date!: string;

  @Column({ type: 'varchar', length: 100 })
  project!: string;

  @Column({ type: 'double precision' })
  hours!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: TimesheetStatus;

  @Column({ name: 'queue_rank', type: 'integer' })
  queueRank!: number;

  @Column({ name: 'decided_by', type: 'varchar', length: 255, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'varchar', length: 32, nullable: true })
  decidedAt!: string | null;

  @Column({ name: 'rejection_reason', type: 'varchar', length: 500, nullable: true })
  rejectionReason!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
