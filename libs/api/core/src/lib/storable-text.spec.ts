import { isStorableText, unstorableTextAt, unstorableTextMessage } from './storable-text';

describe('storable text', () => {
  it('finds the path of unstorable text; pairs, other planes and other control characters are fine', () => {
    expect(unstorableTextAt({ roles: [{ name: 'ok' }, { name: 'b\udfff' }] })).toEqual({
      path: 'roles[1].name',
      inPropertyName: false,
      holds: 'a lone surrogate',
    });
    expect(unstorableTextAt({ permissions: ['ok', 'x\u0000'] })).toEqual({
      path: 'permissions[1]',
      inPropertyName: false,
      holds: 'a NUL character',
    });
    expect(unstorableTextAt({ a: { ['k\u0000']: 1 } })).toEqual({
      path: 'a',
      inPropertyName: true,
      holds: 'a NUL character',
    });
    expect(unstorableTextAt('\ud800')).toEqual({ path: '', inPropertyName: false, holds: 'a lone surrogate' });
    expect(unstorableTextAt({ a: '😀 \u0001 \u202e \uffff', b: [1, null, true] })).toBeNull();
  });

  it('refuses NUL and lone surrogates only', () => {
    expect(isStorableText('a\u0000')).toBe(false);
    expect(isStorableText('\ud800x')).toBe(false);
    expect(isStorableText('x\udfff')).toBe(false);
    expect(isStorableText('😀\u0001\ufffd')).toBe(true);
  });

  it('says which field holds it in a sentence, as the field errors do', () => {
    const nul = { inPropertyName: false, holds: 'a NUL character' };
    expect(unstorableTextMessage(nul, 'notes')).toBe('Notes must not contain a NUL character.');
    expect(unstorableTextMessage(nul, 'entries[3].notes')).toBe('Notes must not contain a NUL character.');
    expect(unstorableTextMessage(nul, 'permissions[0]')).toBe('Permissions must not contain a NUL character.');
    expect(unstorableTextMessage(nul, 'entries[0].projectId')).toBe('Project id must not contain a NUL character.');
    expect(unstorableTextMessage({ ...nul, inPropertyName: true }, 'entries[0]')).toBe(
      'Property names must not contain a NUL character.',
    );
  });
});
