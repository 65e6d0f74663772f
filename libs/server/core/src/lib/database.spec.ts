import { parseDatabaseUrl, redactUrl } from './database';

describe('parseDatabaseUrl', () => {
  it('understands the three forms', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite-memory' });
    expect(parseDatabaseUrl('sqlite:data/api.sqlite')).toEqual({
      kind: 'sqlite',
      path: expect.stringMatching(/data\/api\.sqlite$/),
    });
    expect(parseDatabaseUrl('sqlite:///tmp/x.sqlite')).toEqual({ kind: 'sqlite', path: '/tmp/x.sqlite' });
    expect(parseDatabaseUrl('postgres://u:p@127.0.0.1:5432/db')).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@127.0.0.1:5432/db',
    });
  });

  it('names the variable and hides passwords', () => {
    expect(() => parseDatabaseUrl('mysql://u:secret@h/db')).toThrow(/DATABASE_URL must be/);
    expect(() => parseDatabaseUrl('mysql://u:secret@h/db')).not.toThrow(/secret/);
    expect(redactUrl('postgres://u:secret@h/db')).toBe('postgres://u:***@h/db');
  });
});
