// The real work of the two endpoints, shared by the limit and peer arms: the keyset page query and the insert, with
// the API's SQL, pragmas and response shape ({ items, nextCursor }, camelCase DTOs, base64url JSON cursor). As in the
// API (libs/api/timesheets entry-sql.ts), SQLite builds each row's JSON and the page is assembled from those texts:
// the arms do the work the cheapest way the API knows, so that the limit stays an upper bound.
import { randomUUID } from 'node:crypto';
import { openDb } from '../db.mjs';

const ENTRY_JSON = `json_object('id', id, 'ownerId', owner_id, 'ownerName', owner_name, 'date', date,
  'project', project, 'hours', hours, 'notes', notes, 'status', status, 'decidedBy', decided_by,
  'decidedAt', decided_at, 'rejectionReason', rejection_reason, 'createdAt', created_at, 'updatedAt', updated_at)`;

export function createWork(path) {
  const db = openDb(path);
  const first = db
    .prepare(
      `SELECT ${ENTRY_JSON} AS j, date AS k0, id AS k1 FROM timesheet_entries WHERE owner_id = ?
       ORDER BY date DESC, id DESC LIMIT ?`,
    )
    .raw();
  const next = db
    .prepare(
      `SELECT ${ENTRY_JSON} AS j, date AS k0, id AS k1 FROM timesheet_entries
       WHERE owner_id = ? AND (date < ? OR (date = ? AND id < ?)) ORDER BY date DESC, id DESC LIMIT ?`,
    )
    .raw();
  const insert = db.prepare(
    `INSERT INTO timesheet_entries (id, owner_id, owner_name, date, project, hours, notes, status, queue_rank,
       decided_by, decided_at, rejection_reason, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, NULL, NULL, NULL, ?, ?, 1)`,
  );
  const dto = (r) => ({
    id: r.id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    date: r.date,
    project: r.project,
    hours: Number(r.hours),
    notes: r.notes,
    status: r.status,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    rejectionReason: r.rejection_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

  /** Returns { status, body } for GET /api/timesheets; a 200's body is JSON text. */
  function list(owner, searchParams) {
    const limitText = searchParams.get('limit');
    const limit = limitText === null ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { status: 400, body: bad('limit must be 1..100') };
    const cursor = searchParams.get('cursor');
    let rows;
    if (cursor) {
      let key;
      try {
        key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        key = null;
      }
      if (!Array.isArray(key) || key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string')
        return { status: 400, body: bad('cursor is invalid') };
      rows = next.all(owner, key[0], key[0], key[1], limit + 1);
    } else rows = first.all(owner, limit + 1);
    const more = rows.length > limit;
    const n = more ? limit : rows.length;
    let text = '{"items":[';
    for (let i = 0; i < n; i++) text += i === 0 ? rows[i][0] : `,${rows[i][0]}`;
    const nextCursor =
      more && n > 0 ? `"${Buffer.from(JSON.stringify(rows[n - 1].slice(1))).toString('base64url')}"` : 'null';
    return { status: 200, body: `${text}],"nextCursor":${nextCursor}}` };
  }

  /** Returns { status, body } for POST /api/timesheets. */
  function create(owner, ownerName, b) {
    const problems = [];
    if (b === null || typeof b !== 'object' || Array.isArray(b))
      return { status: 400, body: bad('body must be an object') };
    for (const k of Object.keys(b))
      if (!['date', 'project', 'hours', 'notes'].includes(k)) problems.push(`property ${k} should not exist`);
    if (typeof b.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(b.date) || Number.isNaN(Date.parse(b.date)))
      problems.push('date must be a valid date written YYYY-MM-DD');
    const project = typeof b.project === 'string' ? b.project.trim() : b.project;
    if (typeof project !== 'string' || project.length < 1 || project.length > 100)
      problems.push('project must be 1 to 100 characters');
    if (
      typeof b.hours !== 'number' ||
      !Number.isFinite(b.hours) ||
      b.hours < 0.01 ||
      b.hours > 24 ||
      Math.round(b.hours * 100) !== b.hours * 100
    )
      problems.push('hours must be a number greater than 0 and at most 24, with at most 2 decimals');
    if (b.notes !== undefined && b.notes !== null && (typeof b.notes !== 'string' || b.notes.length > 1000))
      problems.push('notes must be at most 1000 characters');
    if (problems.length > 0) return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: problems } };
    const now = new Date().toISOString();
    const row = {
      id: randomUUID(),
      owner_id: owner,
      owner_name: ownerName,
      date: b.date,
      project,
      hours: b.hours,
      notes: b.notes ?? null,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      rejection_reason: null,
      created_at: now,
      updated_at: now,
    };
    insert.run(row.id, owner, ownerName, b.date, project, b.hours, row.notes, now, now);
    return { status: 201, body: dto(row) };
  }
  return { list, create, close: () => db.close() };
}

function bad(message) {
  return { statusCode: 400, error: 'Bad Request', message: [message] };
}
