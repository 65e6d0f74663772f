import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectDto, TimesheetEntry } from '@timesheets/contracts';

const dayOf = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
import { createTestDatabase, http, startTestIssuer, type TestDatabase, type TestIssuer } from '@timesheets/api-testing';

/** Kills the built API with SIGKILL in the middle of a burst of writes: every acknowledged write must survive. */
describe('fault: kill -9 during a burst of writes', () => {
  let issuer: TestIssuer;
  let database: TestDatabase;
  let port: number;
  const main = join(__dirname, '../../../dist/apps/api/main.js');

  beforeAll(async () => {
    issuer = await startTestIssuer();
    database = await createTestDatabase('sqlite');
    port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
  });
  afterAll(async () => {
    await issuer.close();
    await database.drop();
  });

  function startApi(): Promise<ChildProcess> {
    if (!existsSync(main)) throw new Error(`${main} is missing: run "npx nx build api" (the e2e target does it first)`);
    const child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTH_ISSUER: issuer.issuer,
        AUTH_AUDIENCE: issuer.audience,
        AUTH_JWKS_URI: issuer.jwksUri,
        DATABASE_URL: database.url,
        AUTHZ_TRUST_TOKEN_SCOPES: 'true',
        LOG_LEVEL: 'error',
      },
      stdio: 'ignore',
    });
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + 20_000;
      const poll = async () => {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return resolve(child);
        } catch {
          /* starting */
        }
        if (Date.now() > deadline) return reject(new Error('API did not start'));
        setTimeout(poll, 100);
      };
      void poll();
    });
  }

  it('keeps every acknowledged write', async () => {
    const token = issuer.mint('burst', 'read:timesheets create:timesheets');
    const url = `http://127.0.0.1:${port}/api/timesheets`;
    let api = await startApi();
    const project = await http<ProjectDto>('POST', `http://127.0.0.1:${port}/api/admin/projects`, {
      token: issuer.mint('admin', 'manage:projects'),
      body: { code: 'BURST', name: 'Burst' },
    });
    expect(project.status).toBe(201);
    const acknowledged: string[] = [];
    let failures = 0;
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; i < 100; i++) {
        try {
          const res = await http<TimesheetEntry>('POST', url, {
            token,
            // A day of its own for each write (a person books at most 24 hours a day).
            body: { date: dayOf(w * 100 + i), projectId: project.body.id, hours: 1 },
          });
          if (res.status === 201) acknowledged.push(res.body.id);
          else failures++;
        } catch {
          failures++; // connection refused or reset once the process is gone
        }
        if (!killed && acknowledged.length >= 60) {
          killed = true;
          api.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    expect(killed).toBe(true);
    expect(failures).toBeGreaterThan(0);

    api = await startApi();
    try {
      const missing: string[] = [];
      for (const id of acknowledged) {
        const res = await http('GET', `${url}/${id}`, { token });
        if (res.status !== 200) missing.push(id);
      }
      expect({ acknowledged: acknowledged.length, missing }).toEqual({
        acknowledged: acknowledged.length,
        missing: [],
      });
    } finally {
      api.kill('SIGTERM');
    }
  });
});
