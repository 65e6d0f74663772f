import type { LoginAttemptStore } from '@timesheets/idp-data-access';

export interface ThrottleOptions {
  /** Attempts per account (email) in the window. */
  perAccount: number;
  /** Attempts per client address in the window: looser, many people may share one (office NAT). */
  perAddress: number;
  windowMs: number;
}

/** Who is trying: the normalized email typed and the client address. */
export interface AttemptSubject {
  account: string;
  address: string;
}

/** An attempt that holds its place in both counts until it is judged. */
export interface ReservedAttempt {
  /** Wrong password: the attempt stays counted against the account and the address. */
  failed(): Promise<void>;
  /** Signed in: this attempt and the account's earlier failures are forgotten. */
  succeeded(): Promise<void>;
  /** Not judged (the account is blocked, the check was refused or failed): the attempt is forgotten. */
  release(): Promise<void>;
}

export type ThrottleDecision =
  | { allowed: true; attempt: ReservedAttempt }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Limits sign-in attempts per account and per client address in a sliding window. The attempt is reserved in the
 * store (atomically, for both keys, against every instance sharing the database) before the password is checked, so
 * parallel wrong passwords cannot all pass the check before the first failure is recorded.
 */
export class LoginThrottle {
  constructor(
    private readonly store: LoginAttemptStore,
    private readonly options: ThrottleOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async reserve(subject: AttemptSubject): Promise<ThrottleDecision> {
    const now = this.now();
    const account = accountKey(subject.account);
    const reservation = await this.store.reserve(
      [
        { key: account, max: this.options.perAccount },
        { key: addressKey(subject.address), max: this.options.perAddress },
      ],
      now - this.options.windowMs,
      now,
    );
    if (!reservation.granted) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(reservation.retryAfterMs / 1000)) };
    }
    const { ids } = reservation;
    let judged = false;
    const once = async (action: () => Promise<void>) => {
      if (judged) return;
      judged = true;
      await action();
    };
    return {
      allowed: true,
      attempt: {
        failed: () => once(async () => undefined),
        succeeded: () =>
          once(async () => {
            await this.store.release(ids);
            await this.store.clear(account);
          }),
        release: () => once(() => this.store.release(ids)),
      },
    };
  }

  /** Forgets attempts that left the window (the provider calls it now and then). */
  purge(): Promise<void> {
    return this.store.purge(this.now() - this.options.windowMs);
  }
}

const accountKey = (email: string) => `account:${email}`;
const addressKey = (address: string) => `address:${address}`;
