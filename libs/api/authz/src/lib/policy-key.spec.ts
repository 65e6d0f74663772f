import { policyKeyMatches } from './policy-key';

describe('policyKeyMatches', () => {
  const key = 'a-policy-key-of-32-characters!!!';

  it('accepts the exact key', () => expect(policyKeyMatches(key, key)).toBe(true));
  it('refuses a different key of the same length', () =>
    expect(policyKeyMatches(key.replace('a', 'b'), key)).toBe(false));
  it('refuses a prefix and a longer key', () => {
    expect(policyKeyMatches(key.slice(0, -1), key)).toBe(false);
    expect(policyKeyMatches(`${key}x`, key)).toBe(false);
  });
  it('refuses a missing, empty or non-string key', () => {
    for (const presented of [undefined, '', ['x'], 42]) expect(policyKeyMatches(presented, key)).toBe(false);
  });
  it('refuses everything when no key is configured', () => {
    expect(policyKeyMatches('', undefined)).toBe(false);
    expect(policyKeyMatches('anything', undefined)).toBe(false);
  });
});
