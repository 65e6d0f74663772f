// Database files for the benchmark: the schema comes from the real API (its migrations run at start); rows are
// bulk-inserted with better-sqlite3 in one transaction.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

export const SUBJECTS = 1000;
export const subject = (i) => `user-${String(i).padStart(4, '0')}`;
/** Same pragmas as the API (libs/server/core database.ts): WAL, NORMAL sync, busy timeout, foreign keys. */
export function openDb(path, options) {
  const db = new Database(path, options);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  return db;
}

const PROJECTS = ['Website redesign', 'Mobile app', 'Data platform', 'Internal tools', 'Support', 'Research'];
const STATUS = ['pending', 'approved', 'approved', 'rejected'];
const RANK = { pending: 0, rejected: 1, approved: 2 };
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 2);

/**
 * Fills timesheet_entries with `rows` rows spread evenly over min(1000, rows/100) owners, so that every owner has at
 * least 100 entries (a full 50-row page and a next cursor) at every size; and pre-provisions the 1,000 bench users by
 * email with the seeded `employee` role, the way the migration pre-provisions the demo accounts (the policy endpoint
 * then claims them by subject).
 */
export function fillDb(path, rows) {
  const db = openDb(path);
  const owners = Math.min(SUBJECTS, Math.max(1, Math.floor(rows / 100)));
  const insert = db.prepare(
    `INSERT INTO timesheet_entries (id, owner_id, owner_name, date, project, hours, notes, status, queue_rank,
       decided_by, decided_at, rejection_reason, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const o = i % owners;
      const n = Math.floor(i / owners);
      const date = new Date(START + (n % 1500) * DAY).toISOString().slice(0, 10);
      const status = STATUS[(i * 7) % STATUS.length];
      const ts = `${date}T17:00:00.000Z`;
      const decided = status === 'pending' ? null : subject((o + 1) % SUBJECTS);
      insert.run(
        randomUUID(),
        subject(o),
        `Bench ${subject(o)}`,
        date,
        PROJECTS[i % PROJECTS.length],
        1 + (i % 16) / 2,
        i % 3 === 0 ? null : 'Worked on tickets and reviews',
        status,
        RANK[status],
        decided,
        decided ? ts : null,
        status === 'rejected' ? 'Wrong project' : null,
        ts,
        ts,
      );
    }
  })();
  const hasAuthz = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'authz_roles'`).get();
  const role = hasAuthz ? db.prepare(`SELECT id FROM authz_roles WHERE name = 'employee'`).get() : undefined;
  if (role) {
    const user = db.prepare(`INSERT INTO authz_users (id, email, name, created_at) VALUES (?, ?, ?, ?)`);
    const assign = db.prepare(`INSERT INTO authz_user_roles (user_id, role_id) VALUES (?, ?)`);
    const now = new Date().toISOString();
    db.transaction(() => {
      for (let i = 0; i < SUBJECTS; i++) {
        const id = randomUUID();
        user.run(id, `${subject(i)}@bench.test`, `Bench ${subject(i)}`, now);
        assign.run(id, role.id);
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { owners, authzProvisioned: Boolean(role) };
}
