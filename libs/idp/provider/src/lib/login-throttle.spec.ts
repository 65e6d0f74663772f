import { MemoryFailureStore } from '@timesheets/idp-data-access';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('blocks a key after 5 failures in 15 minutes and frees it when the window passes', async () => {
    let now = 1_000_000;
    const store = new MemoryFailureStore();
    const accounts = new LoginThrottle(store, { prefix: 'account', maxFailures: 5, windowMs: 15 * 60_000 }, () => now);
    const addresses = new LoginThrottle(store, { prefix: 'address', maxFailures: 5, windowMs: 15 * 60_000 }, () => now);
    for (let i = 0; i < 4; i++) await accounts.recordFailure('a@x.test');
    expect(await accounts.retryAfter('a@x.test')).toBe(0);
    now += 60_000;
    await accounts.recordFailure('a@x.test');
    expect(await accounts.retryAfter('a@x.test')).toBe(840);
    // Keys are namespaced: an address with the same text is not affected.
    expect(await addresses.retryAfter('a@x.test')).toBe(0);
    expect(await accounts.retryAfter('b@x.test')).toBe(0);
    now += 14 * 60_000 + 1;
    expect(await accounts.retryAfter('a@x.test')).toBe(0);
  });

  it('reset clears an account after a successful login', async () => {
    const t = new LoginThrottle(new MemoryFailureStore(), { prefix: 'account', maxFailures: 5, windowMs: 900_000 });
    for (let i = 0; i < 5; i++) await t.recordFailure('a@x.test');
    expect(await t.retryAfter('a@x.test')).toBeGreaterThan(0);
    await t.reset('a@x.test');
    expect(await t.retryAfter('a@x.test')).toBe(0);
  });
});
