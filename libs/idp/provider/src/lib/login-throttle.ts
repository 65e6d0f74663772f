import type { FailureStore } from '@timesheets/idp-data-access';

export interface ThrottleOptions {
  /** Namespaces the keys in a shared store (e.g. 'account', 'address'). */
  prefix: string;
  maxFailures: number;
  windowMs: number;
}

/**
 * Counts failed logins per key in a sliding window. With the database store every instance sees the same counts.
 */
export class LoginThrottle {
  constructor(
    private readonly store: FailureStore,
    private readonly options: ThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it may try now. */
  async retryAfter(key: string): Promise<number> {
    const now = this.now();
    const { maxFailures, windowMs } = this.options;
    const recent = await this.store.recent(this.key(key), now - windowMs);
    if (recent.length < maxFailures) return 0;
    const oldestCounted = recent[recent.length - maxFailures];
    return Math.max(1, Math.ceil((oldestCounted + windowMs - now) / 1000));
  }

  async recordFailure(key: string): Promise<void> {
    await this.store.add(this.key(key), this.now());
  }

  async reset(key: string): Promise<void> {
    await this.store.clear(this.key(key));
  }

  private key(key: string): string {
    return `${this.options.prefix}:${key}`;
  }
}
