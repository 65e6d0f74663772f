import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  AccountStore,
  createThrowawayDatabase,
  openIdpDataSource,
  type ThrowawayDatabase,
} from '@timesheets/idp-data-access';

const ROOT = join(__dirname, '../../..');

/** tools/idp/accounts.ts as an administrator runs it (README), against a throwaway database. */
function accounts(db: ThrowawayDatabase, args: string[], password?: string) {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/ts-node/dist/bin.js'), '-r', 'tsconfig-paths/register', 'tools/idp/accounts.ts', ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'],
        TS_NODE_PROJECT: 'tools/idp/tsconfig.json',
        DATABASE_URL: db.url,
        ...(password ? { ACCOUNT_PASSWORD: password } : {}),
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('tools/idp/accounts.ts', () => {
  let db: ThrowawayDatabase;
  beforeAll(async () => {
    db = await createThrowawayDatabase(process.env['TEST_POSTGRES_URL']);
  });
  afterAll(() => db?.drop());

  it('adds accounts with an unverified email unless the administrator vouches for it, and changes it later', async () => {
    expect(accounts(db, ['add', 'ann@example.test', 'Ann', 'Example'], 'ann-password')).toMatchObject({
      status: 0,
      out: expect.stringContaining('created ann@example.test (sub '),
    });
    expect(accounts(db, ['add', 'ben@example.test', 'Ben', '--email-verified'], 'ben-password').out).toContain(
      'email verified)',
    );
    expect(accounts(db, ['verify-email', 'ann@example.test']).out).toContain('ann@example.test: email verified');
    expect(accounts(db, ['unverify-email', 'ben@example.test']).out).toContain('ben@example.test: email not verified');
    // The flag belongs to `add` only.
    expect(accounts(db, ['block', 'ann@example.test', '--email-verified'])).toMatchObject({
      status: 1,
      out: expect.stringContaining('usage:'),
    });
    const list = accounts(db, ['list']).out;
    expect(list).toMatch(/ann@example\.test\tAnn Example\tactive\temail verified\t/);
    expect(list).toMatch(/ben@example\.test\tBen\tactive\temail not verified\t/);

    const ds = await openIdpDataSource(db.url);
    try {
      const store = new AccountStore(ds);
      expect((await store.findByEmail('ann@example.test'))?.emailVerified).toBe(true);
      expect((await store.findByEmail('ben@example.test'))?.emailVerified).toBe(false);
    } finally {
      await ds.destroy();
    }
  });
});
