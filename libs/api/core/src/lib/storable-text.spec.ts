import { isStorableText, unstorableTextAt } from './storable-text';

describe('storable text', () => {
  it('finds the path of unstorable text; pairs, other planes and other control characters are fine', () => {
    expect(unstorableTextAt({ roles: [{ name: 'ok' }, { name: 'b\udfff' }] })).toEqual({
      path: 'roles.1.name',
      holds: 'a lone surrogate',
    });
    expect(unstorableTextAt({ a: { ['k\u0000']: 1 } })).toEqual({
      path: 'a property name in a',
      holds: 'a NUL character',
    });
    expect(unstorableTextAt({ a: '😀 \u0001 \u202e \uffff', b: [1, null, true] })).toBeNull();
  });

  it('refuses NUL and lone surrogates only', () => {
    expect(isStorableText('a\u0000')).toBe(false);
    expect(isStorableText('\ud800x')).toBe(false);
    expect(isStorableText('x\udfff')).toBe(false);
    expect(isStorableText('😀\u0001\ufffd')).toBe(true);
  });
});
