import { MemoryLoginAttemptStore } from '@timesheets/idp-data-access';
import { LoginThrottle, type ThrottleDecision } from './login-throttle';

const WINDOW = 15 * 60_000;

function allowed(decision: ThrottleDecision) {
  if (!decision.allowed) throw new Error(`refused, retry after ${decision.retryAfterSeconds} s`);
  return decision.attempt;
}

describe('LoginThrottle', () => {
  it('counts an attempt from its reservation: parallel attempts beyond the limit are refused before any check', async () => {
    const store = new MemoryLoginAttemptStore();
    const throttle = new LoginThrottle(store, { perAccount: 5, perAddress: 20, windowMs: WINDOW });
    const decisions = await Promise.all(
      Array.from({ length: 12 }, () => throttle.reserve({ account: 'a@x.test', address: '10.0.0.1' })),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
    expect(decisions.filter((d) => !d.allowed)).toEqual(
      Array(7).fill({ allowed: false, retryAfterSeconds: WINDOW / 1000 }),
    );
    // Failures stay counted, released attempts free their slot.
    const [first, second] = decisions.map((d) => (d.allowed ? d.attempt : null)).filter((a) => a !== null);
    await first?.failed();
    await second?.release();
    expect(store.count('account:a@x.test')).toBe(4);
    expect((await throttle.reserve({ account: 'a@x.test', address: '10.0.0.2' })).allowed).toBe(true);
    expect((await throttle.reserve({ account: 'a@x.test', address: '10.0.0.2' })).allowed).toBe(false);
  });

  it('blocks an account after 5 failures in the window and frees it when the window passes', async () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(
      new MemoryLoginAttemptStore(),
      { perAccount: 5, perAddress: 20, windowMs: WINDOW },
      () => now,
    );
    for (let i = 0; i < 4; i++) await allowed(await throttle.reserve({ account: 'a', address: 'ip' })).failed();
    now += 60_000;
    await allowed(await throttle.reserve({ account: 'a', address: 'ip' })).failed();
    expect(await throttle.reserve({ account: 'a', address: 'ip' })).toEqual({
      allowed: false,
      retryAfterSeconds: 840,
    });
    // Another account from the same address still may; keys are namespaced (an address equal to an email is not it).
    expect((await throttle.reserve({ account: 'b', address: 'a' })).allowed).toBe(true);
    now += 14 * 60_000 + 1;
    expect((await throttle.reserve({ account: 'a', address: 'ip' })).allowed).toBe(true);
  });

  it('blocks an address after 20 attempts whatever the accounts', async () => {
    const throttle = new LoginThrottle(new MemoryLoginAttemptStore(), {
      perAccount: 5,
      perAddress: 20,
      windowMs: WINDOW,
    });
    for (let i = 0; i < 20; i++) await allowed(await throttle.reserve({ account: `u${i}`, address: 'ip' })).failed();
    expect((await throttle.reserve({ account: 'fresh', address: 'ip' })).allowed).toBe(false);
    expect((await throttle.reserve({ account: 'fresh', address: 'other' })).allowed).toBe(true);
  });

  it("a success forgets the account's failures; an attempt is settled once", async () => {
    const store = new MemoryLoginAttemptStore();
    const throttle = new LoginThrottle(store, { perAccount: 5, perAddress: 20, windowMs: WINDOW });
    for (let i = 0; i < 4; i++) await allowed(await throttle.reserve({ account: 'a', address: 'ip' })).failed();
    const attempt = allowed(await throttle.reserve({ account: 'a', address: 'ip' }));
    await attempt.succeeded();
    await attempt.failed(); // ignored: already settled
    expect(store.count('account:a')).toBe(0);
    expect(store.count('address:ip')).toBe(4);
  });
});
