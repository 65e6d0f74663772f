import { ENTRIES, ENTRY_JSON, ENTRY_SHAPE, toEntry, type EntryRow } from './entry.table';

const row: EntryRow = {
  id: '00000000-0000-4000-8000-000000000001',
  ownerId: 'alice',
  ownerName: null,
  date: '2026-11-23',
  week: '2026-W48',
  projectId: '00000000-0000-4000-8000-0000000000aa',
  hours: 7.5,
  notes: null,
  status: 'draft',
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  version: 1,
};
const project = { id: row.projectId, code: 'APOLLO', name: 'Apollo' };

describe('the entry column table', () => {
  it('gives the INSERT every column, in the order of its parameters', () => {
    expect(ENTRIES.insertSql()).toBe(
      'INSERT INTO timesheet_entries (id, owner_id, owner_name, date, week, project_id, hours, notes, status, ' +
        'decided_by, decided_at, rejection_reason, created_at, updated_at, version) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    expect(ENTRIES.insertParams(row)).toEqual(Object.values(row));
  });

  it('builds the contract JSON on both engines from the same fields, the project from the joined row', () => {
    expect(ENTRY_JSON.sqlite).toMatch(
      /^json_object\('id', e\.id, 'ownerId', e\.owner_id, .*'project', json_object\('id', p\.id, 'code', p\.code, 'name', p\.name\), .*'updatedAt', e\.updated_at\)$/,
    );
    expect(ENTRY_JSON.postgres).toMatch(
      /^json_build_object\('id', e\.id, .*json_build_object\('id', p\.id, .*\)::text$/,
    );
    expect(ENTRY_SHAPE.map(([field]) => field)).toEqual(Object.keys(toEntry(row, project)));
  });

  it('maps a row to the contract without its storage-only columns', () => {
    expect(toEntry(row, project)).toEqual({
      id: row.id,
      ownerId: 'alice',
      ownerName: null,
      date: '2026-11-23',
      project,
      hours: 7.5,
      notes: null,
      status: 'draft',
      decidedBy: null,
      decidedAt: null,
      rejectionReason: null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  });
});
