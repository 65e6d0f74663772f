import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRecorder, type AuditEvent, type Principal } from '@timesheets/api-core';
import { PeriodLockRepository } from '../period-lock/period-lock.repository';
import { EntryRepository } from './entry.repository';

/** What a change's work gets: its transaction, the period lock as of its start, and a way to record audit events. */
export interface EntryChange {
  m: EntityManager;
  lockedThrough: string | null;
  audit(event: AuditEvent): void;
}

/**
 * Runs every change of entries the same way: one transaction; the period lock read in it (on PostgreSQL held against
 * a move until the change ends); for an owner's own changes, that owner's other changes kept out until it ends (so a
 * day's total is checked and written by one change at a time); the audit rows written in the same transaction.
 */
@Injectable()
export class EntryChanges {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly entries: EntryRepository,
    private readonly lock: PeriodLockRepository,
    private readonly recorder: AuditRecorder,
  ) {}

  /** A change by the owner of the entries (create, edit, delete, save or submit a week). */
  asOwner<T>(actor: Principal, work: (change: EntryChange) => Promise<T>): Promise<T> {
    return this.run(actor, [actor.subject], work);
  }

  /** An import for several people (a machine client's upload): each owner's other changes kept out until it ends. */
  asImporter<T>(actor: Principal, ownerIds: readonly string[], work: (change: EntryChange) => Promise<T>): Promise<T> {
    return this.run(actor, ownerIds, work);
  }

  /** A decision by an approver. */
  asApprover<T>(actor: Principal, work: (change: EntryChange) => Promise<T>): Promise<T> {
    return this.run(actor, [], work);
  }

  private run<T>(actor: Principal, ownerIds: readonly string[], work: (change: EntryChange) => Promise<T>): Promise<T> {
    return this.db.transaction(async (m) => {
      await this.entries.lockOwners(ownerIds, m);
      const { lockedThrough } = await this.lock.read(m, { hold: true });
      const events: AuditEvent[] = [];
      const result = await work({ m, lockedThrough, audit: (e) => events.push(e) });
      for (const e of events) await this.recorder.record(actor, e, m);
      return result;
    });
  }
}
