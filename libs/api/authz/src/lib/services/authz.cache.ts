import { Injectable } from '@nestjs/common';
import type { AuthzModel, EffectiveAccess } from '../model/authz-model';
import type { ClientGrant } from './machine-client.store';

/** What the API knows about the caller now; `null` for a user unknown to the authorization service. */
export interface CachedAccess {
  userId: string;
  email: string | null;
  name: string | null;
  access: EffectiveAccess;
}

/**
 * Each user's effective access and the configuration model, kept until the authorization data changes.
 *
 * Every change bumps a version number in the database (`authz_state`, in the change's own transaction) and clears
 * this process' cache at once. Other instances read the version at most every POLL_MS and clear theirs when it
 * moved, so a change made anywhere applies everywhere within about a second, while a request in between costs a map
 * lookup instead of database reads. Entries also expire after MAX_AGE_MS, for changes made behind the API's back
 * (SQL by hand) and for names and emails, which sign-ins update without a version bump.
 */
@Injectable()
export class AuthzCache {
  /** How often the shared version is read; the promise to other instances is 5 s. */
  static readonly POLL_MS = 1_000;
  static readonly MAX_AGE_MS = 60_000;
  private static readonly MAX_ENTRIES = 10_000;
  private readonly entries = new Map<string, { value: CachedAccess | null; expires: number }>();
  private readonly clients = new Map<string, { value: ClientGrant | null; expires: number }>();
  private cachedModel: AuthzModel | null = null;
  private gen = 0;
  private version: number | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;

  /** Taken before a load: a value loaded across a clear() is not stored (it may predate the change). */
  get generation(): number {
    return this.gen;
  }

  /** True when the shared version has not been read for POLL_MS: read it before trusting the cache. */
  needsVersionCheck(now = Date.now()): boolean {
    return now - this.checkedAt >= AuthzCache.POLL_MS;
  }

  /** The shared version as just read (at `readAt`, taken before the read): clears everything if it moved. */
  observeVersion(version: number, readAt = Date.now()): void {
    if (this.version !== null && version !== this.version) this.clear();
    this.version = version;
    this.checkedAt = Math.max(this.checkedAt, readAt);
  }

  static keyOf(principal: { issuer: string; subject: string }): string {
    return `${principal.issuer}\n${principal.subject}`;
  }

  get(key: string, now = Date.now()): CachedAccess | null | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: CachedAccess | null, generation: number, now = Date.now()): void {
    if (generation !== this.gen) return;
    if (this.entries.size >= AuthzCache.MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, expires: now + AuthzCache.MAX_AGE_MS });
  }

  /** A machine client's grant as last read (null: not registered here), kept like a user's access. */
  client(clientId: string, now = Date.now()): ClientGrant | null | undefined {
    const hit = this.clients.get(clientId);
    if (!hit) return undefined;
    if (hit.expires <= now) {
      this.clients.delete(clientId);
      return undefined;
    }
    return hit.value;
  }

  setClient(clientId: string, value: ClientGrant | null, generation: number, now = Date.now()): void {
    if (generation !== this.gen) return;
    if (this.clients.size >= AuthzCache.MAX_ENTRIES) this.clients.clear();
    this.clients.set(clientId, { value, expires: now + AuthzCache.MAX_AGE_MS });
  }

  /** The configuration model (permissions, roles, groups) shared by every user's lookup, until the next change. */
  model(generation: number): AuthzModel | null {
    return generation === this.gen ? this.cachedModel : null;
  }

  setModel(model: AuthzModel, generation: number): void {
    if (generation === this.gen) this.cachedModel = model;
  }

  /** Drops one user's entry (their name or email changed at sign-in). */
  forget(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
    this.clients.clear();
    this.cachedModel = null;
  }
}
