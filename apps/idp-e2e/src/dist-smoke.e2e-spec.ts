import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  AccountStore,
  createThrowawayDatabase,
  openIdpDataSource,
  type ThrowawayDatabase,
} from '@timesheets/idp-data-access';
import { startPolicyStub, type PolicyStub } from './support/policy-stub';
import { DEMO_PASSWORD, freePort, loginWithCode, scopesOf, spaClient, verifyAccessToken } from './support/idp-harness';

const MAIN = join(__dirname, '../../../dist/apps/idp/main.js');

/** The webpack build, run as `npm start` runs it (the e2e target builds idp first). */
describe('dist/apps/idp/main.js', () => {
  let policy: PolicyStub;
  let db: ThrowawayDatabase;
  let child: ChildProcess | undefined;
  let log = '';

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npx nx build idp"`);
    policy = await startPolicyStub();
    db = await createThrowawayDatabase(process.env['TEST_POSTGRES_URL']);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      await new Promise((resolve) => {
        child!.once('exit', resolve);
        child!.kill('SIGTERM');
      });
    }
    await policy?.close();
    await db?.drop();
  });

  it('refuses to start with a bad configuration, naming each variable', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'], NODE_ENV: 'production', AUTHZ_POLICY_KEY: 'short', ACCESS_TOKEN_TTL: '3600' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('AUTHZ_POLICY_KEY must be at least 16 characters');
    expect(result.stderr).toContain('COOKIE_KEYS is required in production');
    expect(result.stderr).toContain('ACCESS_TOKEN_TTL must be an integer between 300 and 600');
  });

  it('refuses the demo password in production, naming the variable', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        AUTHZ_POLICY_KEY: policy.key,
        COOKIE_KEYS: 'a-production-cookie-key-of-40-characters!',
        DATABASE_URL: db.url,
        DEMO_PASSWORD,
      },
      encoding: 'utf8',
      // A build that accepts it would start serving: stop it rather than wait forever.
      timeout: 15_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DEMO_PASSWORD must not be set in production');
  });

  it('starts in production and issues scoped tokens to an account created as the accounts tool creates it', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    // On one CPU (pinned, where taskset exists) the build signs in the event loop's thread and says so at start.
    const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
    const command = pinned ? ['taskset', '-c', '0', process.execPath, MAIN] : [process.execPath, MAIN];
    child = spawn(command[0], command.slice(1), {
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        PORT: String(port),
        ISSUER: issuer,
        DATABASE_URL: db.url,
        POLICY_URL: policy.url,
        AUTHZ_POLICY_KEY: policy.key,
        COOKIE_KEYS: 'a-production-cookie-key-of-40-characters!',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`idp exited: ${log}`);
      const ok = await fetch(`${issuer}/.well-known/openid-configuration`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`idp did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    // The provider has migrated the database; add the account as tools/idp/accounts.ts does.
    const ds = await openIdpDataSource(db.url);
    try {
      await new AccountStore(ds).create({ email: 'bob@exampleco.test', name: 'Bob', password: DEMO_PASSWORD });
    } finally {
      await ds.destroy();
    }
    const client = await spaClient(issuer);
    const tokens = await loginWithCode(client, 'bob@exampleco.test');
    const { payload } = await verifyAccessToken(issuer, tokens.access_token as string);
    expect(scopesOf(payload)).toContain('approve:timesheets');
    expect(log).not.toContain('demo accounts created');
    if (pinned) expect(log).toContain('signed in the event loop thread');
  });
});
