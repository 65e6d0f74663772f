import { Mutex, Semaphore, withTimeout, type SemaphoreInterface } from 'async-mutex';

/** No slot for a password check within the allowed wait: the caller answers "busy, try again". */
export class PasswordChecksBusyError extends Error {
  constructor() {
    super('too many password checks in progress');
    this.name = 'PasswordChecksBusyError';
  }
}

export interface PasswordCheckLimits {
  /** Checks running at once in this process (each scrypt check holds 128 MiB while it runs). */
  concurrency: number;
  /** How long a check may wait for a slot (after its account's turn came) before it is refused. */
  maxWaitMs: number;
}

/**
 * Bounds the memory and CPU that password checks take: at most `concurrency` run at once in this process, and at
 * most one per account (a second check for the same account waits for the first). A check that then waits longer
 * than `maxWaitMs` for a slot is refused. The wait for an account's turn needs no bound of its own: the login throttle
 * reserves at most 5 attempts per account, so at most 4 can be waiting behind one.
 */
export class PasswordCheckLimiter {
  private readonly slots: SemaphoreInterface;
  private readonly accounts = new Map<string, { turn: Mutex; users: number }>();
  private readonly busy = new PasswordChecksBusyError();

  constructor(private readonly limits: PasswordCheckLimits) {
    this.slots = withTimeout(new Semaphore(limits.concurrency), limits.maxWaitMs, this.busy);
  }

  /** Runs `check` for `account` within the limits; rejects with PasswordChecksBusyError when it had to wait too long. */
  async run<T>(account: string, check: () => Promise<T>): Promise<T> {
    let entry = this.accounts.get(account);
    if (!entry) {
      entry = { turn: new Mutex(), users: 0 };
      this.accounts.set(account, entry);
    }
    entry.users++;
    try {
      return await entry.turn.runExclusive(() => this.slots.runExclusive(check));
    } catch (err) {
      // One shared instance inside the library; callers get their own (with their stack).
      if (err === this.busy) throw new PasswordChecksBusyError();
      throw err;
    } finally {
      if (--entry.users === 0) this.accounts.delete(account);
    }
  }

  /** Accounts with a check running or waiting (tests, metrics). */
  get accountsInFlight(): number {
    return this.accounts.size;
  }
}
