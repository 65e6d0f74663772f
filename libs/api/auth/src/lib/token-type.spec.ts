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
