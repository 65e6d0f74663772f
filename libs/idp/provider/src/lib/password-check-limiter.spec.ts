import { PasswordCheckLimiter, PasswordChecksBusyError } from './password-check-limiter';

/** A check that takes `ms` and records how many ran at once, in total and per account. */
function probe() {
  let running = 0;
  let peak = 0;
  const perAccount = new Map<string, number>();
  let accountPeak = 0;
  const check = (account: string, ms: number) => async () => {
    running++;
    peak = Math.max(peak, running);
    perAccount.set(account, (perAccount.get(account) ?? 0) + 1);
    accountPeak = Math.max(accountPeak, perAccount.get(account) ?? 0);
    await new Promise((r) => setTimeout(r, ms));
    perAccount.set(account, (perAccount.get(account) ?? 0) - 1);
    running--;
    return account;
  };
  return { check, peak: () => peak, accountPeak: () => accountPeak };
}

describe('PasswordCheckLimiter', () => {
  it('runs at most `concurrency` checks at once, and one per account', async () => {
    const limiter = new PasswordCheckLimiter({ concurrency: 2, maxWaitMs: 5000 });
    const p = probe();
    const accounts = ['a', 'a', 'a', 'b', 'c', 'd', 'b'];
    const results = await Promise.all(accounts.map((a) => limiter.run(a, p.check(a, 20))));
    expect(results).toEqual(accounts);
    expect(p.peak()).toBe(2);
    expect(p.accountPeak()).toBe(1);
    expect(limiter.accountsInFlight).toBe(0);
  });

  it('refuses a check that waited longer than allowed for a slot, and keeps serving the others', async () => {
    const limiter = new PasswordCheckLimiter({ concurrency: 1, maxWaitMs: 50 });
    const p = probe();
    const slow = limiter.run('a', p.check('a', 200));
    const waiting = limiter.run('b', p.check('b', 1));
    // The same account waits for its turn (the throttle bounds how many can), then gets a free slot at once.
    const sameAccount = limiter.run('a', p.check('a', 1));
    await expect(waiting).rejects.toBeInstanceOf(PasswordChecksBusyError);
    await expect(slow).resolves.toBe('a');
    await expect(sameAccount).resolves.toBe('a');
    await expect(limiter.run('b', p.check('b', 1))).resolves.toBe('b');
    expect(limiter.accountsInFlight).toBe(0);
  });

  it('passes a failing check on and frees its slot', async () => {
    const limiter = new PasswordCheckLimiter({ concurrency: 1, maxWaitMs: 1000 });
    await expect(limiter.run('a', () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    await expect(limiter.run('a', async () => 'next')).resolves.toBe('next');
  });
});
