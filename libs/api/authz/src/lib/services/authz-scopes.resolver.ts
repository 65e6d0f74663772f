import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EffectiveScopesResolver } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { UserEntity } from '../entities';
import type { AuthzModel } from '../model/authz-model';
import { AuthzCache, type CachedAccess } from './authz.cache';
import { AuthzStore } from './authz.store';
import { readAuthzVersion } from './authz-version';

type Resolved = Pick<Principal, 'scopes' | 'email' | 'name'>;

/**
 * Grants a request the token's scopes that the user still holds now: token scopes ∩ current effective permissions.
 * A user the authorization service does not know (never went through the policy endpoint) gets nothing.
 */
@Injectable()
export class AuthzScopesResolver extends EffectiveScopesResolver {
  private versionRead: Promise<void> | null = null;
  /** Per verified token: the answer for the access it was computed from (the same until that access changes). */
  private readonly answers = new WeakMap<Principal, { from: CachedAccess | null; resolved: Resolved }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuthzStore,
    private readonly cache: AuthzCache,
  ) {
    super();
  }

  async resolve(principal: Principal): Promise<ReadonlySet<string>> {
    return (await this.resolveRequest(principal)).scopes;
  }

  /** One lookup gives both the scopes and, when the token lacks them, the email and name on record. */
  override async resolveRequest(principal: Principal): Promise<Resolved> {
    const current = await this.access(principal);
    const known = this.answers.get(principal);
    if (known && known.from === current) return known.resolved;
    const resolved: Resolved = {
      scopes: current
        ? new Set([...principal.tokenScopes].filter((s) => current.access.permissions.has(s)))
        : new Set(),
      email: principal.email ?? current?.email ?? null,
      name: principal.name ?? current?.name ?? null,
    };
    this.answers.set(principal, { from: current, resolved });
    return resolved;
  }

  /** The caller's current access (see AuthzCache for how fresh), or null when unknown. */
  async access(principal: Pick<Principal, 'issuer' | 'subject'>): Promise<CachedAccess | null> {
    if (this.cache.needsVersionCheck()) await this.checkVersion();
    const key = AuthzCache.keyOf(principal);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const generation = this.cache.generation;
    const m = this.db.manager;
    const user = await m.findOne(UserEntity, { where: { issuer: principal.issuer, subject: principal.subject } });
    let value: CachedAccess | null = null;
    if (user) {
      const model = await this.model(generation);
      const assignments = await this.store.assignments(m, user);
      value = { userId: user.id, email: user.email, name: user.name, access: model.access(assignments) };
    }
    this.cache.set(key, value, generation);
    return value;
  }

  private async model(generation: number): Promise<AuthzModel> {
    const cached = this.cache.model(generation);
    if (cached) return cached;
    const model = await this.store.model(this.db.manager);
    this.cache.setModel(model, generation);
    return model;
  }

  /** One read of the shared version at a time; a failed read fails the requests waiting for it (closed). */
  private checkVersion(): Promise<void> {
    this.versionRead ??= (async () => {
      const readAt = Date.now();
      try {
        this.cache.observeVersion(await readAuthzVersion(this.db.manager), readAt);
      } finally {
        this.versionRead = null;
      }
    })();
    return this.versionRead;
  }
}
