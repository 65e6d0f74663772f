import { SerializedJson, serializeReply } from './serialized-json';

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
