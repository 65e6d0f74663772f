import { MemoryLoginAttemptStore, type AuthenticationResult } from '@timesheets/idp-data-access';
import type { PolicyResponse } from '@timesheets/contracts';
import type { IdpRuntime } from './idp-runtime';
import { LoginService } from './login.service';
import { LoginThrottle } from './login-throttle';
import { PasswordCheckLimiter } from './password-check-limiter';
import { PolicyUnavailableError } from './policy-client';

const ACCOUNT = { id: 'sub-1', email: 'a@x.test', name: 'A', blocked: false };

/** A runtime with the real throttle and limiter, and an account store and policy that answer as told. */
function setup(options: { checkMs?: number; concurrency?: number; maxWaitMs?: number } = {}) {
  const store = new MemoryLoginAttemptStore();
  let checks = 0;
  let policy: () => Promise<PolicyResponse> = async () => ({
    userId: 'u',
    blocked: false,
    roles: [],
    groups: [],
    permissions: [],
  });
  const rt = {
    config: { issuer: 'http://op.test' },
    loginThrottle: new LoginThrottle(store, { perAccount: 5, perAddress: 20, windowMs: 900_000 }),
    passwordChecks: new PasswordCheckLimiter({
      concurrency: options.concurrency ?? 2,
      maxWaitMs: options.maxWaitMs ?? 5000,
    }),
    accounts: {
      authenticate: async (email: string, password: string): Promise<AuthenticationResult> => {
        checks++;
        await new Promise((r) => setTimeout(r, options.checkMs ?? 5));
        if (email !== ACCOUNT.email || !password.startsWith('right')) return { status: 'invalid' };
        return password === 'right-but-blocked'
          ? { status: 'blocked', account: { ...ACCOUNT, blocked: true } as never }
          : { status: 'ok', account: ACCOUNT as never };
      },
    },
    policy: { evaluate: () => policy() },
  } as unknown as IdpRuntime;
  const service = new LoginService(rt);
  const login = (password: string, address = '10.0.0.1', email = 'A@X.test ') =>
    service.login({ email, password, address, clientId: 'spa' });
  return {
    store,
    login,
    checks: () => checks,
    setPolicy: (p: typeof policy) => (policy = p),
  };
}

describe('LoginService', () => {
  it('judges at most 5 of 12 parallel wrong passwords for one account; the rest are throttled unchecked', async () => {
    const t = setup();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => t.login('wrong')));
    expect(outcomes.filter((o) => o.kind === 'invalid')).toHaveLength(5);
    expect(outcomes.filter((o) => o.kind === 'throttled')).toHaveLength(7);
    expect(t.checks()).toBe(5);
    // Even the right password is refused now, without a check.
    expect(await t.login('right')).toMatchObject({ kind: 'throttled' });
    expect(t.checks()).toBe(5);
  });

  it('signs in, forgetting the account failures; blocked and busy attempts are not counted', async () => {
    const t = setup();
    for (let i = 0; i < 3; i++) expect(await t.login('wrong')).toEqual({ kind: 'invalid', email: 'a@x.test' });
    expect(await t.login('right')).toEqual({ kind: 'signed-in', accountId: 'sub-1' });
    expect(t.store.count('account:a@x.test')).toBe(0);
    expect(t.store.count('address:10.0.0.1')).toBe(3);
    expect(await t.login('right-but-blocked')).toEqual({ kind: 'blocked', email: 'a@x.test' });
    t.setPolicy(async () => ({ userId: 'u', blocked: true, roles: [], groups: [], permissions: [] }));
    expect(await t.login('right')).toEqual({ kind: 'blocked', email: 'a@x.test' });
    expect(t.store.count('account:a@x.test')).toBe(0);
  });

  it('fails closed on a policy outage, without counting the attempt', async () => {
    const t = setup();
    t.setPolicy(() => Promise.reject(new PolicyUnavailableError('down')));
    await expect(t.login('right')).rejects.toBeInstanceOf(PolicyUnavailableError);
    expect(t.store.count('account:a@x.test')).toBe(0);
    expect(t.store.count('address:10.0.0.1')).toBe(0);
  });

  it('answers busy when no password check slot frees in time, and forgets those attempts', async () => {
    const t = setup({ checkMs: 200, concurrency: 1, maxWaitMs: 50 });
    const outcomes = await Promise.all([t.login('wrong', 'ip1', 'a@x.test'), t.login('wrong', 'ip2', 'b@x.test')]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['busy', 'invalid']);
    expect(outcomes.find((o) => o.kind === 'busy')).toEqual({ kind: 'busy', retryAfterSeconds: 5 });
    expect(t.store.count('account:a@x.test') + t.store.count('account:b@x.test')).toBe(1);
  });
});
