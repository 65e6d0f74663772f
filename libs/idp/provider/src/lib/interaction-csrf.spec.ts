import { csrfToken, verifyCsrf } from './interaction-csrf';

describe('interaction CSRF tokens', () => {
  it('binds CSRF tokens to the interaction', () => {
    const token = csrfToken('secret', 'uid-1');
    expect(verifyCsrf('secret', 'uid-1', token)).toBe(true);
    expect(verifyCsrf('secret', 'uid-2', token)).toBe(false);
    expect(verifyCsrf('other', 'uid-1', token)).toBe(false);
    expect(verifyCsrf('secret', 'uid-1', undefined)).toBe(false);
  });
});
