import { ENTRIES, ENTRY_JSON, ENTRY_SHAPE, toEntry, type EntryRow } from './entry.table';

const row: EntryRow = {
  id: '00000000-0000-4000-8000-000000000001',
  ownerId: 'alice',
  ownerName: null,
  date: '2026-11-23',
  project: 'Apollo',
  hours: 7.5,
  notes: null,
  status: 'pending',
  queueRank: 0,
  decidedBy: null,
  decidedAt: null,
  rejectionReason: null,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  version: 1,
};

describe('the entry column table', () => {
  it('gives the INSERT every column, in the order of its parameters', () => {
    expect(ENTRIES.insertSql()).toBe(
      'INSERT INTO timesheet_entries (id, owner_id, owner_name, date, project, hours, notes, status, queue_rank, ' +
        'decided_by, decided_at, rejection_reason, created_at, updated_at, version) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    expect(ENTRIES.insertParams(row)).toEqual(Object.values(row));
    expect(ENTRIES.insertSql(2)).toMatch(/VALUES \(\?(, \?){14}\), \(\?(, \?){14}\)$/);
  });

  it('builds the contract JSON on both engines from the same fields', () => {
    expect(ENTRY_JSON.sqlite).toMatch(
      /^json_object\('id', e\.id, 'ownerId', e\.owner_id, .*'updatedAt', e\.updated_at\)$/,
    );
    expect(ENTRY_JSON.postgres).toMatch(/^json_build_object\('id', e\.id, .*\)::text$/);
    expect(ENTRY_SHAPE.map(([field]) => field)).toEqual(Object.keys(toEntry(row)));
  });

  it('maps a row to the contract without its storage-only columns', () => {
    const entry = toEntry(row);
    expect(entry).not.toHaveProperty('queueRank');
    expect(entry).not.toHaveProperty('version');
    expect(entry).toEqual({
      id: row.id,
      ownerId: 'alice',
      ownerName: null,
      date: '2026-11-23',
      project: 'Apollo',
      hours: 7.5,
      notes: null,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      rejectionReason: null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  });
});
