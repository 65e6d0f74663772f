import { encodeCursor } from './cursor';
import { keysetPageJson, SerializedJson, serializeReply } from './serialized-json';

describe('SerializedJson', () => {
  it('is sent as its text; anything else is stringified', () => {
    expect(serializeReply(SerializedJson.trusted<{ a: string }>('{"a": "é"}'))).toEqual(Buffer.from('{"a": "é"}'));
    expect(serializeReply({ a: 1 })).toBe('{"a":1}');
    expect(serializeReply(SerializedJson.of({ b: [1, 'x'] })).toString()).toBe('{"b":[1,"x"]}');
  });

  it('parses back, and stringifies as the value it encodes', () => {
    const s = SerializedJson.trusted<{ a: number }>('{"a": 1}');
    expect(s.parse()).toEqual({ a: 1 });
    expect(JSON.stringify({ page: s })).toBe('{"page":{"a":1}}');
  });
});

describe('keysetPageJson', () => {
  it('assembles a page from limit + 1 rows without parsing them', () => {
    const rows = [
      ['{"id":"3"}', 'k3', 3],
      ['{"id":"2"}', 'k2', 2],
      ['{"id":"1"}', 'k1', 1],
    ];
    expect(keysetPageJson(rows, 2).parse()).toEqual({
      items: [{ id: '3' }, { id: '2' }],
      nextCursor: encodeCursor(['k2', 2]),
    });
    expect(keysetPageJson(rows, 3).parse()).toEqual({
      items: [{ id: '3' }, { id: '2' }, { id: '1' }],
      nextCursor: null,
    });
    expect(keysetPageJson([], 3).parse()).toEqual({ items: [], nextCursor: null });
  });
});
