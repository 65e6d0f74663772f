import { ENTRY_FIELDS, entryJsonSql, Filters, pageJson, placeholders } from './entry-sql';

describe('entry SQL', () => {
  it('builds one JSON object per row with every DTO field', () => {
    expect(entryJsonSql('sqlite')).toMatch(/^json_object\('id', id, 'ownerId', owner_id, .*'updatedAt', updated_at\)$/);
    expect(entryJsonSql('postgres')).toMatch(/^json_build_object\('id', id, .*\)::text$/);
    expect(ENTRY_FIELDS).toHaveLength(13);
  });

  it('numbers placeholders for PostgreSQL only', () => {
    expect(placeholders('a = ? AND (b < ? OR c = ?)', 'postgres')).toBe('a = $1 AND (b < $2 OR c = $3)');
    expect(placeholders('a = ?', 'sqlite')).toBe('a = ?');
  });

  it('keeps clauses and parameters in step', () => {
    const f = new Filters().add('a = ?', 1).add('(b < ? OR b = ?)', 'x', 'y');
    expect(f.sql).toBe('a = ? AND (b < ? OR b = ?)');
    expect(f.params).toEqual([1, 'x', 'y']);
  });

  it('assembles a page from limit + 1 rows without parsing them', () => {
    const rows = [
      ['{"id":"3"}', 'k3'],
      ['{"id":"2"}', 'k2'],
      ['{"id":"1"}', 'k1'],
    ];
    const cursor = (key: unknown[]) => `c-${key.join('.')}`;
    expect(JSON.parse(pageJson(rows, 2, cursor))).toEqual({ items: [{ id: '3' }, { id: '2' }], nextCursor: 'c-k2' });
    expect(JSON.parse(pageJson(rows, 3, cursor))).toEqual({
      items: [{ id: '3' }, { id: '2' }, { id: '1' }],
      nextCursor: null,
    });
    expect(JSON.parse(pageJson([], 3, cursor))).toEqual({ items: [], nextCursor: null });
  });
});
