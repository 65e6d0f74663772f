import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { MACHINE_SCOPES } from '@timesheets/contracts';
import type { AuditEvent, Principal } from '@timesheets/api-core';
import { AUTHZ_OPTIONS, type AuthzOptions } from '../authz.options';
import { UserEntity } from '../entities';
import {
  addedPermissions,
  adminHolderCount,
  effectivePermissions,
  mayGrantAnything,
  ungrantable,
} from '../model/access-change';
import type { AuthzModel } from '../model/authz-model';
import { AuthzCache } from './authz.cache';
import { AuthzStore } from './authz.store';
import { bumpAuthzVersion } from './authz-version';
import { DbAuditRecorder } from './db-audit.recorder';
import { MachineClientStore } from './machine-client.store';
import { PrivilegeEscalationException } from './privilege-escalation.exception';

export const LOCKOUT_MESSAGE = 'This change would leave no unblocked user holding every admin permission';

/** What a change's work function gets: the transaction's manager and a way to record audit events. */
export interface ChangeContext {
  m: EntityManager;
  audit(event: AuditEvent): void;
  /** Says that this change alters nobody's access (a returning user signing in): caches everywhere stay valid. */
  accessUnchanged(): void;
}

/** Carries a dry run's result out of its transaction, which it rolls back. */
class RolledBack {
  constructor(readonly result: unknown) {}
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
 * Runs every configuration change the same way: one transaction (serialized on PostgreSQL by an advisory lock), the
 * access rules checked on the result (no escalation, no lockout), the audit rows and the new authorization version
 * written in that transaction, and this process' access cache cleared once it commits.
 *
 * No escalation: a change made by a person may add to anybody's effective permissions only permissions that person
 * holds now (see `mayGrantAnything` for the one exemption, a holder of every admin permission). What the actor holds is
 * the request's scopes ∩ the actor's effective permissions read inside this transaction, before the change: the
 * request's scopes alone could be up to AuthzCache's age old, and a client granted fewer scopes than its user holds
 * grants no more than it was given. When the deployment trusts token scopes (`trustTokenScopes`), the token is the
 * only account of the actor's permissions, so its scopes are what the actor holds.
 */
@Injectable()
export class AuthzChanges {
  private static readonly LOCK_KEY = 7_242_001;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AUTHZ_OPTIONS) private readonly options: AuthzOptions,
    private readonly store: AuthzStore,
    private readonly recorder: DbAuditRecorder,
    private readonly cache: AuthzCache,
    private readonly clients: MachineClientStore,
  ) {}

  /**
   * `actor` null only for the service's own changes (a sign-in creating a user, the start-up bootstrap), which add
   * what the configuration already says. `lockout: false` only for changes that cannot take permissions away.
   * `dryRun`: the change is made and checked exactly as it would be, then rolled back (no audit, no new version): a
   * preview learns whether it would be refused, and why, from the checks themselves.
   */
  async run<T>(
    actor: Principal | null,
    work: (ctx: ChangeContext) => Promise<T>,
    { lockout = true, dryRun = false }: { lockout?: boolean; dryRun?: boolean } = {},
  ): Promise<T> {
    let changesAccess = !dryRun;
    try {
      return await this.db.transaction(async (m) => {
        if (this.db.options.type === 'postgres')
          await m.query('SELECT pg_advisory_xact_lock($1)', [AuthzChanges.LOCK_KEY]);
        // What is compared before and after: everyone's access when a person short of every admin permission acts
        // (no escalation, and lockout from the same rows); otherwise only the possible admins (lockout); nothing for
        // the service's own sign-ins.
        const model = actor !== null || lockout ? await this.store.model(m) : null;
        const held = actor && model ? await this.held(m, actor, model) : null;
        const of = held && !mayGrantAnything(held) ? 'everyone' : lockout ? 'admin-candidates' : null;
        const before = of && model ? effectivePermissions(await this.store.accessSnapshot(m, of, model)) : null;
        // Machine clients' scopes are grants too: measured like people's, by the same actor.
        const clientsBefore = of === 'everyone' ? await this.clients.grants(m) : null;
        const events: AuditEvent[] = [];
        const result = await work({
          m,
          audit: (e) => events.push(e),
          accessUnchanged: () => (changesAccess = false),
        });
        if (of && before) {
          const after = effectivePermissions(await this.store.accessSnapshot(m, of));
          if (of === 'everyone' && held && clientsBefore) {
            const added = addedPermissions(before, after);
            for (const p of addedPermissions(clientsBefore, await this.clients.grants(m))) added.add(p);
            const missing = ungrantable(held, added);
            if (missing.length > 0) throw new PrivilegeEscalationException(missing);
          }
          if (lockout && adminHolderCount(before) > 0 && adminHolderCount(after) === 0)
            throw new ConflictException(LOCKOUT_MESSAGE);
        }
        if (dryRun) throw new RolledBack(result);
        for (const e of events) await this.recorder.record(actor, e, m);
        // Other API instances see the new version within AuthzCache.POLL_MS and drop their cached access.
        if (changesAccess) await bumpAuthzVersion(m);
        return result;
      });
    } catch (e) {
      if (e instanceof RolledBack) return e.result as T;
      if (isUniqueViolation(e)) throw new ConflictException('The name or email is already in use');
      throw e;
    } finally {
      if (changesAccess) this.cache.clear();
    }
  }

  /**
   * What the actor holds now (see the class comment), from the configuration before the change. A machine scope is
   * never in a person's token, so one held as a permission counts as held (it lets a delegated admin give it to
   * clients); under trustTokenScopes nobody holds one, and only holders of every admin permission may give it.
   */
  private async held(m: EntityManager, actor: Principal, model: AuthzModel): Promise<ReadonlySet<string>> {
    if (this.options.trustTokenScopes) return actor.scopes;
    if (actor.kind !== 'user') return new Set();
    const user = await m.findOne(UserEntity, { where: { issuer: actor.issuer, subject: actor.subject } });
    if (!user) return new Set();
    const current = model.access(await this.store.assignments(m, user)).permissions;
    return new Set([...actor.scopes, ...MACHINE_SCOPES].filter((s) => current.has(s)));
  }
}
