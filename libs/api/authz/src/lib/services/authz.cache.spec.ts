import { AuthzModel } from '../model/authz-model';
import { AuthzCache } from './authz.cache';

const value = {
  userId: 'u1',
  email: null,
  name: null,
  access: { permissions: new Set(['read:timesheets']), roles: [], groups: [] },
};

describe('AuthzCache', () => {
  it('serves an entry until its maximum age has passed', () => {
    const cache = new AuthzCache();
    cache.set('k', value, cache.generation, 1000);
    expect(cache.get('k', 1000 + AuthzCache.MAX_AGE_MS - 1)).toBe(value);
    expect(cache.get('k', 1000 + AuthzCache.MAX_AGE_MS)).toBeUndefined();
  });

  it('asks for the shared version at least every POLL_MS, well within the 5 s promised to other instances', () => {
    expect(AuthzCache.POLL_MS).toBeLessThanOrEqual(2000);
    const cache = new AuthzCache();
    expect(cache.needsVersionCheck(0)).toBe(true);
    cache.observeVersion(7, 10_000);
    expect(cache.needsVersionCheck(10_000 + AuthzCache.POLL_MS - 1)).toBe(false);
    expect(cache.needsVersionCheck(10_000 + AuthzCache.POLL_MS)).toBe(true);
  });

  it('drops everything when the shared version moves, and nothing when it does not', () => {
    const cache = new AuthzCache();
    cache.observeVersion(7);
    cache.set('k', value, cache.generation);
    cache.observeVersion(7);
    expect(cache.get('k')).toBe(value);
    cache.observeVersion(8);
    expect(cache.get('k')).toBeUndefined();
  });

  it('remembers unknown users as null, and forgets one user on request', () => {
    const cache = new AuthzCache();
    cache.set('k', null, cache.generation);
    cache.set('other', value, cache.generation);
    expect(cache.get('k')).toBeNull();
    cache.forget('k');
    expect(cache.get('k')).toBeUndefined();
    expect(cache.get('other')).toBe(value);
  });

  it('forgets everything on clear, and drops a value or model loaded before the clear', () => {
    const cache = new AuthzCache();
    const model = new AuthzModel([], [], []);
    cache.set('k', value, cache.generation);
    cache.setModel(model, cache.generation);
    expect(cache.model(cache.generation)).toBe(model);
    const loadStartedAt = cache.generation;
    cache.clear();
    expect(cache.get('k')).toBeUndefined();
    expect(cache.model(cache.generation)).toBeNull();
    cache.set('k', value, loadStartedAt);
    cache.setModel(model, loadStartedAt);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.model(cache.generation)).toBeNull();
  });

  it('keys users by issuer and subject', () => {
    expect(AuthzCache.keyOf({ issuer: 'https://a', subject: 's' })).not.toBe(
      AuthzCache.keyOf({ issuer: 'https://a\ns', subject: '' }),
    );
  });
});
