// The real work of the two endpoints, shared by the limit and peer arms: the keyset page query and the booking of an
// entry, with the API's SQL, pragmas and response shape ({ items, nextCursor }, camelCase DTOs with the project as
// { id, code, name }, base64url JSON cursor). As in the API (libs/api/timesheets entry.table.ts), SQLite builds each
// row's JSON and the page is assembled from those texts; a booking checks its project and the day's total and writes
// the entry and its audit row in one transaction. The arms do the work the cheapest way the API knows, so that the
// limit stays an upper bound.
import { randomUUID } from 'node:crypto';
import { isoWeekOf, openDb } from '../db.mjs';

const ENTRY_JSON = `json_object('id', e.id, 'ownerId', e.owner_id, 'ownerName', e.owner_name, 'date', e.date,
  'project', json_object('id', p.id, 'code', p.code, 'name', p.name), 'hours', e.hours, 'notes', e.notes,
  'status', e.status, 'decidedBy', e.decided_by, 'decidedAt', e.decided_at, 'rejectionReason', e.rejection_reason,
  'createdAt', e.created_at, 'updatedAt', e.updated_at)`;
const FROM = 'timesheet_entries e JOIN projects p ON p.id = e.project_id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createWork(path) {
  const db = openDb(path);
  const first = db
    .prepare(
      `SELECT ${ENTRY_JSON} AS j, e.date AS k0, e.id AS k1 FROM ${FROM} WHERE e.owner_id = ?
       ORDER BY e.date DESC, e.id DESC LIMIT ?`,
    )
    .raw();
  const next = db
    .prepare(
      `SELECT ${ENTRY_JSON} AS j, e.date AS k0, e.id AS k1 FROM ${FROM}
       WHERE e.owner_id = ? AND (e.date < ? OR (e.date = ? AND e.id < ?)) ORDER BY e.date DESC, e.id DESC LIMIT ?`,
    )
    .raw();
  const insert = db.prepare(
    `INSERT INTO timesheet_entries (id, owner_id, owner_name, date, week, project_id, hours, notes, status,
       decided_by, decided_at, rejection_reason, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', NULL, NULL, NULL, ?, ?, 1)`,
  );
  const lock = db.prepare('SELECT locked_through FROM period_lock WHERE id = 1');
  const projectOf = db.prepare('SELECT id, code, name, archived FROM projects WHERE id = ?');
  const groupsOf = db.prepare('SELECT group_id FROM project_groups WHERE project_id = ?').raw();
  const dayTotal = db.prepare(
    'SELECT COALESCE(SUM(hours), 0) AS h FROM timesheet_entries WHERE owner_id = ? AND date = ? AND id <> ?',
  );
  const audit = db.prepare(
    `INSERT INTO audit_log (id, at, actor_id, actor_name, action, target_type, target_id, before, after)
     VALUES (?, ?, ?, ?, 'timesheet.create', 'timesheet', ?, NULL, ?)`,
  );
  const book = db.transaction((row, dto) => {
    const locked = lock.get()?.locked_through;
    if (locked && row.date <= locked) return { status: 409, body: bad('locked', 409) };
    const project = projectOf.get(row.project_id);
    if (!project || project.archived || groupsOf.all(row.project_id).length > 0)
      return { status: 400, body: bad('Project must be one of the projects you can book on.') };
    if (dayTotal.get(row.owner_id, row.date, '').h + row.hours > 24)
      return { status: 400, body: bad('at most 24 hours a day') };
    dto.project = { id: project.id, code: project.code, name: project.name };
    insert.run(
      row.id,
      row.owner_id,
      row.owner_name,
      row.date,
      row.week,
      row.project_id,
      row.hours,
      row.notes,
      row.ts,
      row.ts,
    );
    audit.run(randomUUID(), row.ts, row.owner_id, row.owner_name, row.id, JSON.stringify(dto));
    return { status: 201, body: dto };
  });
  const dto = (r) => ({
    id: r.id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    date: r.date,
    project: null,
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
      if (!['date', 'projectId', 'hours', 'notes'].includes(k)) problems.push(`property ${k} should not exist`);
    if (typeof b.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(b.date) || Number.isNaN(Date.parse(b.date)))
      problems.push('date must be a valid date written YYYY-MM-DD');
    if (typeof b.projectId !== 'string' || !UUID.test(b.projectId))
      problems.push('Project must be one of the projects you can book on.');
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
      week: isoWeekOf(b.date),
      project_id: b.projectId,
      hours: b.hours,
      notes: b.notes ?? null,
      status: 'draft',
      decided_by: null,
      decided_at: null,
      rejection_reason: null,
      created_at: now,
      updated_at: now,
      ts: now,
    };
    return book.immediate(row, dto(row));
  }
  return { list, create, close: () => db.close() };
}

function bad(message, statusCode = 400) {
  return { statusCode, error: statusCode === 400 ? 'Bad Request' : 'Conflict', message: [message] };
}
