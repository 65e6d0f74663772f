import { AuthzCache } from './authz.cache';

const value = {
  userId: 'u1',
  email: null,
  name: null,
  access: { permissions: new Set(['read:timesheets']), roles: [], groups: [] },
};

describe('AuthzCache', () => {
  it('serves an entry until its TTL (at most 5 s) has passed', () => {
    const cache = new AuthzCache();
    expect(AuthzCache.TTL_MS).toBeLessThanOrEqual(5000);
    cache.set('k', value, cache.generation, 1000);
    expect(cache.get('k', 1000 + AuthzCache.TTL_MS - 1)).toBe(value);
    expect(cache.get('k', 1000 + AuthzCache.TTL_MS)).toBeUndefined();
  });

  it('remembers unknown users as null', () => {
    const cache = new AuthzCache();
    cache.set('k', null, cache.generation);
    expect(cache.get('k')).toBeNull();
  });

  it('forgets everything on clear, and drops a value loaded before the clear', () => {
    const cache = new AuthzCache();
    cache.set('k', value, cache.generation);
    const loadStartedAt = cache.generation;
    cache.clear();
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', value, loadStartedAt);
    expect(cache.get('k')).toBeUndefined();
  });
});
