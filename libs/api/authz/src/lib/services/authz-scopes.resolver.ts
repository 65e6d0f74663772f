import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EffectiveScopesResolver } from '@timesheets/api-auth';
import type { Principal } from '@timesheets/api-core';
import { AUTHZ_OPTIONS, type AuthzOptions } from '../authz.options';
import { UserEntity } from '../entities';
import type { AuthzModel } from '../model/authz-model';
import { AuthzCache, type CachedAccess } from './authz.cache';
import { AuthzStore } from './authz.store';
import { readAuthzVersion } from './authz-version';
import { MachineClientStore, type ClientGrant } from './machine-client.store';

type Resolved = Pick<Principal, 'scopes' | 'email' | 'name'>;

/**
 * Grants a request the token's scopes that the caller still holds now.
 *
 * - A person: token scopes ∩ current effective permissions; a user the authorization service does not know (never went
 *   through the policy endpoint) gets nothing. Under `trustTokenScopes` the token's scopes as they are.
 * - A machine client registered here: token scopes ∩ its current scopes, nothing once revoked (in either mode: the
 *   registry is the API's own). A client this API does not know gets nothing, unless the deployment trusts token
 *   scopes (an external provider is then the registry of machine clients too): its token's machine scopes.
 */
@Injectable()
export class AuthzScopesResolver extends EffectiveScopesResolver {
  private versionRead: Promise<void> | null = null;
  /** Per verified token: the answer for the access it was computed from (the same until that access changes). */
  private readonly answers = new WeakMap<Principal, { from: CachedAccess | ClientGrant | null; resolved: Resolved }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AUTHZ_OPTIONS) private readonly options: AuthzOptions,
    private readonly store: AuthzStore,
    private readonly cache: AuthzCache,
    private readonly clients: MachineClientStore,
  ) {
    super();
  }

  async resolve(principal: Principal): Promise<ReadonlySet<string>> {
    return (await this.resolveRequest(principal)).scopes;
  }

  /** One lookup gives both the scopes and, when the token lacks them, the email and name on record. */
  override async resolveRequest(principal: Principal): Promise<Resolved> {
    if (principal.kind === 'client') return this.resolveClient(principal);
    if (this.options.trustTokenScopes) return this.answer(principal, null, () => principal.tokenScopes);
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

  private async resolveClient(principal: Principal): Promise<Resolved> {
    const grant = await this.clientGrant(principal.clientId ?? principal.subject);
    return this.answer(
      principal,
      grant,
      () => {
        if (!grant) return this.options.trustTokenScopes ? principal.tokenScopes : new Set<string>();
        if (grant.revoked) return new Set();
        return new Set([...principal.tokenScopes].filter((s) => (grant.scopes as readonly string[]).includes(s)));
      },
      grant?.name ?? null,
    );
  }

  /** The same answer object while `from` stays the same, so that the guard reuses the principal it built from it. */
  private answer(
    principal: Principal,
    from: CachedAccess | ClientGrant | null,
    scopes: () => ReadonlySet<string>,
    name: string | null = null,
  ): Resolved {
    const known = this.answers.get(principal);
    if (known && known.from === from) return known.resolved;
    const resolved: Resolved = { scopes: scopes(), email: principal.email, name: principal.name ?? name };
    this.answers.set(principal, { from, resolved });
    return resolved;
  }

  /** A machine client's grant (see AuthzCache for how fresh), or null when it is not registered here. */
  async clientGrant(clientId: string): Promise<ClientGrant | null> {
    if (this.cache.needsVersionCheck()) await this.checkVersion();
    const cached = this.cache.client(clientId);
    if (cached !== undefined) return cached;
    const generation = this.cache.generation;
    const grant = await this.clients.grant(this.db.manager, clientId);
    this.cache.setClient(clientId, grant, generation);
    return grant;
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
