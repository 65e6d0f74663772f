import { bearerMatches, secretMatches } from './secret-matches';

describe('secretMatches', () => {
  const key = 'a-policy-key-of-32-characters!!!';

  it('accepts the exact key', () => expect(secretMatches(key, key)).toBe(true));
  it('refuses a different key of the same length', () => expect(secretMatches(key.replace('a', 'b'), key)).toBe(false));
  it('refuses a prefix and a longer key', () => {
    expect(secretMatches(key.slice(0, -1), key)).toBe(false);
    expect(secretMatches(`${key}x`, key)).toBe(false);
  });
  it('refuses a missing, empty or non-string key', () => {
    for (const presented of [undefined, '', ['x'], 42]) expect(secretMatches(presented, key)).toBe(false);
  });
  it('refuses everything when no key is configured', () => {
    expect(secretMatches('', undefined)).toBe(false);
    expect(secretMatches('anything', undefined)).toBe(false);
  });
});

describe('bearerMatches', () => {
  const key = 'metrics-key-0123456789';
  it('accepts exactly "Bearer <key>"', () => expect(bearerMatches(`Bearer ${key}`, key)).toBe(true));
  it('refuses another scheme, a missing scheme, another key or no header', () => {
    for (const header of [key, `Basic ${key}`, `bearer ${key}`, `Bearer ${key}x`, 'Bearer ', undefined, ['x']])
      expect(bearerMatches(header, key)).toBe(false);
  });
  it('refuses everything when no key is configured', () => expect(bearerMatches('Bearer x', undefined)).toBe(false));
});
