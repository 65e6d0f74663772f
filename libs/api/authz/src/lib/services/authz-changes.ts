import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { AuditEvent, Principal } from '@timesheets/api-core';
import { AuthzCache } from './authz.cache';
import { AuthzStore } from './authz.store';
import { DbAuditRecorder } from './db-audit.recorder';

export const LOCKOUT_MESSAGE = 'This change would leave no unblocked user holding every admin permission';

/** What a change's work function gets: the transaction's manager and a way to record audit events. */
export interface ChangeContext {
  m: EntityManager;
  audit(event: AuditEvent): void;
}

/** True for a unique-constraint violation on SQLite or PostgreSQL. */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const err = e.driverError as { code?: string; message?: string } | undefined;
  return (
    err?.code === '23505' ||
    err?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(err?.message ?? '')
  );
}

/**
 * Runs every configuration change the same way: one transaction (serialized on PostgreSQL by an advisory lock),
 * the lockout rule checked on the result, the audit rows written in that transaction, and the access cache cleared
 * once it commits.
 */
@Injectable()
export class AuthzChanges {
  private static readonly LOCK_KEY = 7_242_001;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuthzStore,
    private readonly recorder: DbAuditRecorder,
    private readonly cache: AuthzCache,
  ) {}

  /** `lockout: false` only for changes that cannot take permissions away (a sign-in creating or updating a user). */
  async run<T>(
    actor: Principal | null,
    work: (ctx: ChangeContext) => Promise<T>,
    { lockout = true }: { lockout?: boolean } = {},
  ): Promise<T> {
    try {
      return await this.db.transaction(async (m) => {
        if (this.db.options.type === 'postgres')
          await m.query('SELECT pg_advisory_xact_lock($1)', [AuthzChanges.LOCK_KEY]);
        const hadAdmin = lockout && (await this.adminHolderCount(m)) > 0;
        const events: AuditEvent[] = [];
        const result = await work({ m, audit: (e) => events.push(e) });
        if (hadAdmin && (await this.adminHolderCount(m)) === 0) throw new ConflictException(LOCKOUT_MESSAGE);
        for (const e of events) await this.recorder.record(actor, e, m);
        return result;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException('The name or email is already in use');
      throw e;
    } finally {
      this.cache.clear();
    }
  }

  private async adminHolderCount(m: EntityManager): Promise<number> {
    const model = await this.store.model(m);
    const users = await this.store.allAssignments(m);
    return model.adminHolders(users.map((u) => u.assignments)).length;
  }
}
