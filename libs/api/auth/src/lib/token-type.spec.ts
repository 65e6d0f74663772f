import { isAcceptedTokenType, normalizeTokenType } from './token-type';

describe('token types', () => {
  it.each([
    ['at+jwt', 'at+jwt'],
    ['AT+JWT', 'at+jwt'],
    ['application/at+jwt', 'at+jwt'],
    ['JWT', 'jwt'],
    ['text/plain', 'text/plain'],
  ])('normalises %s to %s', (typ, normalized) => {
    expect(normalizeTokenType(typ)).toBe(normalized);
  });

  it.each([undefined, null, '', ' at+jwt', 'at+jwt;q=1', 'a/b/c', '/jwt', 'x'.repeat(300), 7, ['at+jwt']])(
    'refuses the malformed %p',
    (typ) => {
      expect(normalizeTokenType(typ)).toBeNull();
      expect(isAcceptedTokenType(typ, ['at+jwt'])).toBe(false);
    },
  );
});

describe('a token without typ (AUTH_TOKEN_TYPE_REQUIRED)', () => {
  it('is refused while the type is required (the default)', () => {
    expect(isAcceptedTokenType(undefined, ['at+jwt'])).toBe(false);
    expect(isAcceptedTokenType(undefined, ['at+jwt'], true)).toBe(false);
  });

  it('is accepted when the type is not required; a typ that is present must still be listed', () => {
    expect(isAcceptedTokenType(undefined, ['at+jwt'], false)).toBe(true);
    expect(isAcceptedTokenType('at+jwt', ['at+jwt'], false)).toBe(true);
    expect(isAcceptedTokenType('JWT', ['at+jwt'], false)).toBe(false);
    expect(isAcceptedTokenType(null, ['at+jwt'], false)).toBe(false);
    expect(isAcceptedTokenType('', ['at+jwt'], false)).toBe(false);
  });
});
