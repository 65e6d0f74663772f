import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, QueryFailedError } from 'typeorm';
import { ADMIN_SCOPES } from '@timesheets/contracts';
import type { AuditEvent, Principal } from '@timesheets/api-core';
import { UserEntity, UserGroupEntity, UserRoleEntity } from '../entities';
import { AuthzCache } from './authz.cache';
import { AuthzStore } from './authz.store';
import { bumpAuthzVersion } from './authz-version';
import { DbAuditRecorder } from './db-audit.recorder';

export const LOCKOUT_MESSAGE = 'This change would leave no unblocked user holding every admin permission';

/** What a change's work function gets: the transaction's manager and a way to record audit events. */
export interface ChangeContext {
  m: EntityManager;
  audit(event: AuditEvent): void;
  /** Says that this change alters nobody's access (a returning user signing in): caches everywhere stay valid. */
  accessUnchanged(): void;
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
 * the lockout rule checked on the result, the audit rows and the new authorization version written in that
 * transaction, and this process' access cache cleared once it commits.
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
    let changesAccess = true;
    try {
      return await this.db.transaction(async (m) => {
        if (this.db.options.type === 'postgres')
          await m.query('SELECT pg_advisory_xact_lock($1)', [AuthzChanges.LOCK_KEY]);
        const hadAdmin = lockout && (await this.adminHolderCount(m)) > 0;
        const events: AuditEvent[] = [];
        const result = await work({
          m,
          audit: (e) => events.push(e),
          accessUnchanged: () => (changesAccess = false),
        });
        if (hadAdmin && (await this.adminHolderCount(m)) === 0) throw new ConflictException(LOCKOUT_MESSAGE);
        for (const e of events) await this.recorder.record(actor, e, m);
        // Other API instances see the new version within AuthzCache.POLL_MS and drop their cached access.
        if (changesAccess) await bumpAuthzVersion(m);
        return result;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException('The name or email is already in use');
      throw e;
    } finally {
      if (changesAccess) this.cache.clear();
    }
  }

  /**
   * How many unblocked users hold every admin permission. Only users assigned a role carrying some admin permission
   * (directly, or through a group or an ancestor group) can, so only those are loaded: a few rows, however many
   * users there are.
   */
  private async adminHolderCount(m: EntityManager): Promise<number> {
    const model = await this.store.model(m);
    const adminRoles = [...model.roles.values()]
      .filter((r) => model.rolePermissionNames(r).some((p) => ADMIN_SCOPES.includes(p as never)))
      .map((r) => r.id);
    if (adminRoles.length === 0) return 0;
    const adminGroups = [...model.groups.keys()].filter((g) =>
      model.chain(g).some((c) => c.roleIds.some((r) => adminRoles.includes(r))),
    );
    const direct = await m.find(UserRoleEntity, { where: { roleId: In(adminRoles) } });
    const viaGroups =
      adminGroups.length > 0 ? await m.find(UserGroupEntity, { where: { groupId: In(adminGroups) } }) : [];
    const candidates = [...new Set([...direct, ...viaGroups].map((a) => a.userId))];
    if (candidates.length === 0) return 0;
    const users = await m.find(UserEntity, { where: { id: In(candidates), blocked: false } });
    let count = 0;
    for (const user of users) {
      if (model.adminHolders([await this.store.assignments(m, user)]).length > 0) count++;
    }
    return count;
  }
}
