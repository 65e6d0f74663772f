import { Injectable } from '@nestjs/common';
import type { EffectiveAccess } from '../model/authz-model';

/** What the API knows about the caller now; `null` for a user unknown to the authorization service. */
export interface CachedAccess {
  userId: string;
  email: string | null;
  name: string | null;
  access: EffectiveAccess;
}

/**
 * A short cache of each user's effective access. Cleared on every change made in this process; other instances
 * see a change when their entries expire, within TTL_MS.
 */
@Injectable()
export class AuthzCache {
  // Well under the 5 s promised for other instances, leaving room for the load that filled the entry.
  static readonly TTL_MS = 3_000;
  private static readonly MAX_ENTRIES = 10_000;
  private readonly entries = new Map<string, { value: CachedAccess | null; expires: number }>();
  private gen = 0;

  /** Taken before a load: a value loaded across a clear() is not stored (it may predate the change). */
  get generation(): number {
    return this.gen;
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
    this.entries.set(key, { value, expires: now + AuthzCache.TTL_MS });
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
  }
}
