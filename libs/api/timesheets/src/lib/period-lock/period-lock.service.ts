import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PeriodLockDto } from '@timesheets/contracts';
import { AuditRecorder, type Principal } from '@timesheets/api-core';
import type { PeriodLockRow } from './period-lock.table';
import { PeriodLockRepository } from './period-lock.repository';

const dto = (row: Omit<PeriodLockRow, 'id'>): PeriodLockDto => ({
  lockedThrough: row.lockedThrough,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

/**
 * The period lock: nothing dated on or before `lockedThrough` is created, edited, deleted, submitted or decided
 * (EntryChanges reads it in every change's transaction). Moving it is audited.
 */
@Injectable()
export class PeriodLockService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lock: PeriodLockRepository,
    private readonly recorder: AuditRecorder,
  ) {}

  async get(): Promise<PeriodLockDto> {
    return dto(await this.lock.read());
  }

  set(actor: Principal, lockedThrough: string | null): Promise<PeriodLockDto> {
    return this.db.transaction(async (m) => {
      const before = await this.lock.read(m);
      if (before.lockedThrough === lockedThrough) return dto(before);
      const after = {
        lockedThrough,
        updatedAt: new Date().toISOString(),
        updatedBy: actor.name ?? actor.email ?? actor.subject,
      };
      // On PostgreSQL the UPDATE waits for the entry changes that read the lock (FOR SHARE) to end.
      await this.lock.write(after, m);
      await this.recorder.record(
        actor,
        {
          action: 'period_lock.set',
          targetType: 'period_lock',
          targetId: null,
          before: dto(before),
          after: dto(after),
        },
        m,
      );
      return dto(after);
    });
  }
}
