// The bench's SQLite files: a schema made by the API's own migrations, filled with 1k, 100k and 1M rows (db.mjs),
// cached between runs by the migrations and the generator; each run works on copies whose users are provisioned
// through the policy endpoint, as the provider does at sign-in.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from './harness.mjs';
import { fillDb, openDb, subject, SUBJECTS } from './db.mjs';
import { HERE, log, notes, POLICY_KEY, SIZES } from './settings.mjs';

/**
 * Pristine database files, cached in `$TMPDIR/timesheets-bench-cache/<hash>`: `{ files: { '1k', '100k', '1M' },
 * authz }` where `authz` says whether the schema has the authorization tables (so users can be provisioned).
 */
export async function prepareDatabases({ arms, apiMain }) {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(HERE, 'db.mjs')));
  // The schema is the API's migrations: keyed by their names (class name + timestamp) in the build.
  const migrations = [...new Set(readFileSync(apiMain, 'utf8').match(/\b[A-Z][A-Za-z]+1\d{12}\b/g) ?? [])].sort();
  hash.update(migrations.join(','));
  const cache = join(tmpdir(), 'timesheets-bench-cache', hash.digest('hex').slice(0, 16));
  mkdirSync(cache, { recursive: true });
  const template = join(cache, 'schema.sqlite');
  if (!existsSync(template)) {
    log('creating the schema: starting the API once against an empty file (its migrations run at start)');
    const tmp = join(cache, 'schema.tmp.sqlite');
    rmSync(tmp, { force: true });
    const p = await arms.spawnArm('ours', tmp);
    await arms.waitReady(p);
    await arms.stop(p);
    const db = openDb(tmp);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    copyFileSync(tmp, template);
    for (const s of ['', '-wal', '-shm']) rmSync(tmp + s, { force: true });
  }
  const files = {};
  for (const [label, rows] of SIZES) {
    const file = join(cache, `${label}.sqlite`);
    if (!existsSync(file)) {
      const t = Date.now();
      const tmp = file + '.tmp';
      copyFileSync(template, tmp);
      const info = fillDb(tmp, rows);
      for (const s of ['-wal', '-shm']) rmSync(tmp + s, { force: true });
      copyFileSync(tmp, file);
      rmSync(tmp, { force: true });
      log(`${label}: ${rows} rows over ${info.owners} owners in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    files[label] = file;
  }
  const authz = (() => {
    const db = openDb(template, { readonly: true });
    try {
      return Boolean(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'authz_roles'`).get());
    } finally {
      db.close();
    }
  })();
  return { files, authz, cache };
}

/** The run's own copies: one per arm of the 100k file, and ours of the 1k and 1M files. */
export function copyDatabases(workDir, files) {
  const copy = (src, name) => {
    const dst = join(workDir, name);
    copyFileSync(src, dst);
    return dst;
  };
  return {
    limit: copy(files['100k'], 'limit-100k.sqlite'),
    peer: copy(files['100k'], 'peer-100k.sqlite'),
    ours: copy(files['100k'], 'ours-100k.sqlite'),
    ours1k: copy(files['1k'], 'ours-1k.sqlite'),
    ours1M: copy(files['1M'], 'ours-1M.sqlite'),
  };
}

/** Claims the pre-provisioned bench users through the policy endpoint; returns null, or what failed first. */
async function provision({ arms, issuer }, db) {
  const p = await arms.spawnArm('ours', db);
  await arms.waitReady(p);
  try {
    let next = 0;
    let failed = null;
    const worker = async () => {
      while (next < SUBJECTS && !failed) {
        const i = next++;
        const r = await call(p.port, 'POST', '/api/authz/policy', {
          headers: { 'x-api-key': POLICY_KEY },
          body: {
            subject: subject(i),
            issuer: issuer.issuer,
            email: `${subject(i)}@bench.test`,
            // The bench plays a provider that verified its users' addresses: only then does a sign-in claim the user
            // provisioned by that email (and its role).
            emailVerified: true,
            name: `Bench ${subject(i)}`,
          },
        });
        const perms = r.json?.permissions ?? [];
        if (r.status !== 200 || !perms.includes('read:timesheets')) failed = `${r.status} ${r.text.slice(0, 200)}`;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return failed;
  } finally {
    await arms.stop(p);
  }
}

/**
 * How "ours" runs: as shipped (token scopes ∩ the database's permissions) once the users of its databases are
 * provisioned; with AUTHZ_TRUST_TOKEN_SCOPES=true if that is impossible (a schema without the authorization tables)
 * or failed (said in the notes). Returns `{ oursOpts, oursConfig }`.
 */
export async function provisionOurs({ arms, issuer, dbs, authz }) {
  if (!authz) return { oursOpts: { trustScopes: false }, oursConfig: 'as shipped (default configuration)' };
  log('provisioning 1,000 users through POST /api/authz/policy');
  const failures = [];
  for (const k of ['ours', 'ours1k', 'ours1M']) {
    const f = await provision({ arms, issuer }, dbs[k]);
    if (f) failures.push(`${k}: ${f}`);
  }
  if (failures.length > 0) {
    notes.push(
      `provisioning through the policy endpoint failed (${failures[0]}); ours ran with AUTHZ_TRUST_TOKEN_SCOPES=true`,
    );
    return {
      oursOpts: { trustScopes: true },
      oursConfig: 'AUTHZ_TRUST_TOKEN_SCOPES=true (policy endpoint provisioning failed)',
    };
  }
  return {
    oursOpts: { trustScopes: false },
    oursConfig:
      'as shipped: default configuration, token scopes ∩ DB permissions (users provisioned via POST /api/authz/policy)',
  };
}
