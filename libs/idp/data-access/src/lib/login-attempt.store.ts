import { randomUUID } from 'node:crypto';
import { In, LessThan, type DataSource, type Repository } from 'typeorm';
import { LoginFailureEntity } from './entities/login-failure.entity';
import { sqliteConnectionOf, type SqliteConnection, type SqliteStatement } from './sqlite-connection';

/** A throttle key (an account's email, a client address; namespaced by the caller) and its limit in the window. */
export interface AttemptLimit {
  key: string;
  max: number;
}

export type AttemptReservation =
  | { granted: true; ids: string[] }
  /** `retryAfterMs`: until the fullest key has a free slot again. */
  | { granted: false; retryAfterMs: number };

/**
 * Where a login throttle counts attempts (see LoginThrottle in @timesheets/idp-provider). An attempt is counted
 * *before* the password is checked (reserved) and stays counted when it fails; one that succeeds, or that was never
 * judged, is released. So parallel attempts cannot all pass the check before the first failure is recorded.
 */
export interface LoginAttemptStore {
  /**
   * Atomically, against every other caller on the same database: if each key has fewer than its `max` attempts
   * after `since`, records one attempt at `at` for each key and returns their ids; otherwise records nothing.
   */
  reserve(limits: readonly AttemptLimit[], since: number, at: number): Promise<AttemptReservation>;
  /** Forgets these attempts (they succeeded, or were never judged). */
  release(ids: readonly string[]): Promise<void>;
  /** Forgets every attempt of a key (a successful sign-in clears its account). */
  clear(key: string): Promise<void>;
  /** Forgets attempts older than `before`. */
  purge(before: number): Promise<void>;
}

/** From the newest `max` attempt times of each key (newest first): the reservation, or how long until one frees. */
function judge(
  limits: readonly AttemptLimit[],
  newest: readonly number[][],
  since: number,
): { full: false } | { full: true; retryAfterMs: number } {
  let retryAfterMs = -1;
  limits.forEach(({ max }, i) => {
    const times = newest[i];
    // The window frees a slot when the max-th newest attempt leaves it.
    if (times.length >= max) retryAfterMs = Math.max(retryAfterMs, times[max - 1] - since);
  });
  return retryAfterMs < 0 ? { full: false } : { full: true, retryAfterMs: Math.max(1, retryAfterMs) };
}

/** better-sqlite3's transaction function: `.immediate` takes the write lock at BEGIN (other processes wait for it). */
type ImmediateTransaction<A extends unknown[], R> = ((...args: A) => R) & { immediate(...args: A): R };

interface SqliteAttemptStatements {
  newest: SqliteStatement;
  insert: SqliteStatement;
  reserve: ImmediateTransaction<[readonly AttemptLimit[], number, number], AttemptReservation>;
}

const prepared = new WeakMap<SqliteConnection, SqliteAttemptStatements>();

function sqliteStatements(db: SqliteConnection): SqliteAttemptStatements {
  let statements = prepared.get(db);
  if (statements) return statements;
  const newest = db.prepare('SELECT at FROM idp_login_failure WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?');
  const insert = db.prepare('INSERT INTO idp_login_failure (id, key, at) VALUES (?, ?, ?)');
  const reserve = db.transaction((limits: readonly AttemptLimit[], since: number, at: number): AttemptReservation => {
    const times = limits.map(({ key, max }) => (newest.all(key, since, max) as { at: number }[]).map((r) => r.at));
    const verdict = judge(limits, times, since);
    if (verdict.full) return { granted: false, retryAfterMs: verdict.retryAfterMs };
    const ids = limits.map(({ key }) => {
      const id = randomUUID();
      insert.run(id, key, at);
      return id;
    });
    return { granted: true, ids };
  }) as SqliteAttemptStatements['reserve'];
  statements = { newest, insert, reserve };
  prepared.set(db, statements);
  return statements;
}

/**
 * Attempts in the database: every instance sharing it throttles against the same counts. On SQLite the check and the
 * insert run in one synchronous IMMEDIATE transaction (one process cannot interleave it; other processes wait for the
 * write lock); on PostgreSQL in one transaction holding an advisory lock per key, taken in key order.
 */
export class DatabaseLoginAttemptStore implements LoginAttemptStore {
  private readonly repo: Repository<LoginFailureEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(LoginFailureEntity);
  }

  async reserve(limits: readonly AttemptLimit[], since: number, at: number): Promise<AttemptReservation> {
    const db = sqliteConnectionOf(this.dataSource);
    if (db) return sqliteStatements(db).reserve.immediate(limits, since, at);
    return this.dataSource.transaction(async (m) => {
      for (const key of [...new Set(limits.map((l) => l.key))].sort()) {
        await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`idp_login_attempt:${key}`]);
      }
      const times: number[][] = [];
      for (const { key, max } of limits) {
        const rows = (await m.query(
          'SELECT "at" FROM idp_login_failure WHERE "key" = $1 AND "at" > $2 ORDER BY "at" DESC LIMIT $3',
          [key, since, max],
        )) as { at: string | number }[];
        times.push(rows.map((r) => Number(r.at)));
      }
      const verdict = judge(limits, times, since);
      if (verdict.full) return { granted: false, retryAfterMs: verdict.retryAfterMs };
      const rows = limits.map(({ key }) => ({ id: randomUUID(), key, at }));
      await m.insert(LoginFailureEntity, rows);
      return { granted: true, ids: rows.map((r) => r.id) };
    });
  }

  async release(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.repo.delete({ id: In([...ids]) });
  }

  async clear(key: string): Promise<void> {
    await this.repo.delete({ key });
  }

  async purge(before: number): Promise<void> {
    await this.repo.delete({ at: LessThan(before) });
  }
}

/** Attempts in memory (one process; unit tests). JavaScript runs each call to its end, so it is atomic. */
export class MemoryLoginAttemptStore implements LoginAttemptStore {
  private readonly attempts = new Map<string, { key: string; at: number }>();

  async reserve(limits: readonly AttemptLimit[], since: number, at: number): Promise<AttemptReservation> {
    const newest = limits.map(({ key, max }) =>
      [...this.attempts.values()]
        .filter((a) => a.key === key && a.at > since)
        .map((a) => a.at)
        .sort((x, y) => y - x)
        .slice(0, max),
    );
    const verdict = judge(limits, newest, since);
    if (verdict.full) return { granted: false, retryAfterMs: verdict.retryAfterMs };
    const ids = limits.map(({ key }) => {
      const id = randomUUID();
      this.attempts.set(id, { key, at });
      return id;
    });
    return { granted: true, ids };
  }

  async release(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.attempts.delete(id);
  }

  async clear(key: string): Promise<void> {
    for (const [id, a] of this.attempts) if (a.key === key) this.attempts.delete(id);
  }

  async purge(before: number): Promise<void> {
    for (const [id, a] of this.attempts) if (a.at < before) this.attempts.delete(id);
  }

  /** Attempts counted for a key (tests). */
  count(key: string): number {
    return [...this.attempts.values()].filter((a) => a.key === key).length;
  }
}
