import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EffectiveScopesResolver } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { UserEntity } from '../entities';
import { AuthzCache, type CachedAccess } from './authz.cache';
import { AuthzStore } from './authz.store';

/**
 * Grants a request the token's scopes that the user still holds now: token scopes ∩ current effective permissions.
 * A user the authorization service does not know (never went through the policy endpoint) gets nothing.
 */
@Injectable()
export class AuthzScopesResolver extends EffectiveScopesResolver {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: AuthzStore,
    private readonly cache: AuthzCache,
  ) {
    super();
  }

  async resolve(principal: Principal): Promise<ReadonlySet<string>> {
    return this.grant(principal, await this.access(principal));
  }

  /** One lookup gives both the scopes and, when the token lacks them, the email and name on record. */
  override async resolveRequest(principal: Principal): Promise<Pick<Principal, 'scopes' | 'email' | 'name'>> {
    const current = await this.access(principal);
    return {
      scopes: this.grant(principal, current),
      email: principal.email ?? current?.email ?? null,
      name: principal.name ?? current?.name ?? null,
    };
  }

  private grant(principal: Principal, current: CachedAccess | null): ReadonlySet<string> {
    if (!current) return new Set();
    return new Set([...principal.tokenScopes].filter((s) => current.access.permissions.has(s)));
  }

  /** The caller's current access (cached for at most AuthzCache.TTL_MS), or null when unknown. */
  async access(principal: Pick<Principal, 'issuer' | 'subject'>): Promise<CachedAccess | null> {
    const key = `${principal.issuer}\n${principal.subject}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const generation = this.cache.generation;
    const m = this.db.manager;
    const user = await m.findOne(UserEntity, { where: { issuer: principal.issuer, subject: principal.subject } });
    let value: CachedAccess | null = null;
    if (user) {
      const model = await this.store.model(m);
      const assignments = await this.store.assignments(m, user);
      value = { userId: user.id, email: user.email, name: user.name, access: model.access(assignments) };
    }
    this.cache.set(key, value, generation);
    return value;
  }
}
