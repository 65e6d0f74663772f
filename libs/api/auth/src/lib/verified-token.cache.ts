import { Injectable } from '@nestjs/common';
import type { Principal } from '@timesheets/api-core';

const MAX_ENTRIES = 10_000;

/**
 * Tokens already verified, until they expire. Signature verification dominates an authenticated request; a token
 * is re-used for many requests during its few minutes of life, so remembering the outcome recovers most of that
 * time. Only successes are kept; the map is bounded and drops its oldest entries first.
 */
@Injectable()
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Principal>();

  get(token: string, nowSeconds = Date.now() / 1000): Principal | undefined {
    const principal = this.entries.get(token);
    if (!principal) return undefined;
    if (principal.expiresAt <= nowSeconds) {
      this.entries.delete(token);
      return undefined;
    }
    return principal;
  }

  set(token: string, principal: Principal): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, principal);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
