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

/** The bench's projects, with fixed ids (the POST and week bodies name them). */
export const PROJECTS = [
  ['WEB', 'Website redesign'],
  ['MOBILE', 'Mobile app'],
  ['DATA', 'Data platform'],
  ['TOOLS', 'Internal tools'],
  ['SUPPORT', 'Support'],
  ['RESEARCH', 'Research'],
].map(([code, name], i) => ({ id: `00000000-0000-4000-8000-00000000000${i + 1}`, code, name }));
/** The approvers' team: subjects 0..TEAM-1, managed by MANAGER (a bench user given the manager role too). */
export const TEAM = 200;
export const MANAGER = SUBJECTS - 1;
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 2);

/** ISO week of a date (as the API's contracts compute it). */
export function isoWeekOf(date) {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = new Date(ms + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Fills timesheet_entries with `rows` rows spread evenly over min(1000, rows/100) owners, so that every owner has at
 * least 100 entries (a full 50-row page and a next cursor) at every size, one a day from 2023-01-02: the last two
 * weeks of each owner's days are pending (submitted, waiting for a decision), the rest approved (9 in 10) or rejected.
 * Adds the bench projects, pre-provisions the 1,000 bench users by email with the seeded `employee` role (the policy
 * endpoint then claims them by subject), and makes the last of them the manager of a team of the first TEAM.
 */
export function fillDb(path, rows) {
  const db = openDb(path);
  const owners = Math.min(SUBJECTS, Math.max(1, Math.floor(rows / 100)));
  const perOwner = Math.ceil(rows / owners);
  const now = new Date().toISOString();
  const project = db.prepare(
    `INSERT INTO projects (id, code, name, customer_id, billable, archived, created_at, updated_at)
     VALUES (?, ?, ?, NULL, 1, 0, ?, ?)`,
  );
  const insert = db.prepare(
    `INSERT INTO timesheet_entries (id, owner_id, owner_name, date, week, project_id, hours, notes, status,
       decided_by, decided_at, rejection_reason, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const weeks = new Map();
  db.transaction(() => {
    for (const p of PROJECTS) project.run(p.id, p.code, p.name, now, now);
    for (let i = 0; i < rows; i++) {
      const o = i % owners;
      const n = Math.floor(i / owners);
      const date = new Date(START + (n % 1500) * DAY).toISOString().slice(0, 10);
      if (!weeks.has(date)) weeks.set(date, isoWeekOf(date));
      const status = n >= perOwner - 14 ? 'pending' : (i * 7) % 10 === 0 ? 'rejected' : 'approved';
      const ts = `${date}T17:00:00.000Z`;
      const decided = status === 'pending' ? null : subject(MANAGER);
      insert.run(
        randomUUID(),
        subject(o),
        `Bench ${subject(o)}`,
        date,
        weeks.get(date),
        PROJECTS[i % PROJECTS.length].id,
        1 + (i % 16) / 2,
        i % 3 === 0 ? null : 'Worked on tickets and reviews',
        status,
        decided,
        decided ? ts : null,
        status === 'rejected' ? 'Wrong project' : null,
        ts,
        ts,
      );
    }
  })();
  const hasAuthz = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'authz_roles'`).get();
  const role = (name) => (hasAuthz ? db.prepare(`SELECT id FROM authz_roles WHERE name = ?`).get(name) : undefined);
  const employee = role('employee');
  const manager = role('manager');
  if (employee) {
    const user = db.prepare(`INSERT INTO authz_users (id, email, name, created_at) VALUES (?, ?, ?, ?)`);
    const assign = db.prepare(`INSERT INTO authz_user_roles (user_id, role_id) VALUES (?, ?)`);
    const ids = [];
    db.transaction(() => {
      for (let i = 0; i < SUBJECTS; i++) {
        const id = randomUUID();
        ids.push(id);
        user.run(id, `${subject(i)}@bench.test`, `Bench ${subject(i)}`, now);
        assign.run(id, employee.id);
      }
      if (manager) {
        assign.run(ids[MANAGER], manager.id);
        const group = randomUUID();
        db.prepare(
          `INSERT INTO authz_groups (id, name, description, parent_id) VALUES (?, 'Bench team', '', NULL)`,
        ).run(group);
        const member = db.prepare(`INSERT INTO authz_user_groups (user_id, group_id) VALUES (?, ?)`);
        for (let i = 0; i < TEAM; i++) member.run(ids[i], group);
        db.prepare(`INSERT INTO authz_group_managers (group_id, user_id) VALUES (?, ?)`).run(group, ids[MANAGER]);
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { owners, authzProvisioned: Boolean(employee), team: manager ? TEAM : 0 };
}
