import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('blocks a key after 5 failures in 15 minutes and frees it when the window passes', () => {
    let now = 1_000_000;
    const t = new LoginThrottle({ maxFailures: 5, windowMs: 15 * 60_000 }, () => now);
    for (let i = 0; i < 4; i++) t.recordFailure('acct:a', 'ip:1');
    expect(t.retryAfter('acct:a', 'ip:1')).toBe(0);
    t.recordFailure('acct:a', 'ip:1');
    expect(t.retryAfter('acct:a')).toBe(900);
    expect(t.retryAfter('acct:b', 'ip:1')).toBe(900);
    expect(t.retryAfter('acct:b', 'ip:2')).toBe(0);
    now += 15 * 60_000 + 1;
    expect(t.retryAfter('acct:a', 'ip:1')).toBe(0);
  });

  it('reset clears an account after a successful login', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 5; i++) t.recordFailure('acct:a');
    t.reset('acct:a');
    expect(t.retryAfter('acct:a')).toBe(0);
  });
});
