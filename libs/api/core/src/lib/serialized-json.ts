/**
 * A response body that is already JSON text, typed by what it encodes. The list endpoints have the database build
 * each row's JSON (SQLite's json_object, PostgreSQL's json_build_object): creating one JS object per column and
 * stringifying them again was most of a page's cost. The API's reply serializer sends the text as it is.
 */
export class SerializedJson<T> {
  /** Only for the type: a SerializedJson<A> is not a SerializedJson<B>. */
  declare private readonly encodes?: T;

  private constructor(readonly text: string) {}

  /** Text the caller guarantees to be the JSON of a T (built by the database or by JSON.stringify). */
  static trusted<T>(text: string): SerializedJson<T> {
    return new SerializedJson<T>(text);
  }

  static of<T>(value: T): SerializedJson<T> {
    return new SerializedJson<T>(JSON.stringify(value));
  }

  /** The value back (tests, and callers inside the API that need the objects). */
  parse(): T {
    return JSON.parse(this.text) as T;
  }

  /** What JSON.stringify(this) gives: the encoded value, not a wrapper. */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * Fastify's reply serializer for the API: SerializedJson's text as UTF-8 bytes, anything else through JSON.stringify.
 * A page goes out as a Buffer: a string body of that size would be measured, joined to the response head and
 * flattened again on its way to the socket, each time a copy on the JS heap.
 */
export function serializeReply(payload: unknown): string | Buffer {
  return payload instanceof SerializedJson ? Buffer.from(payload.text, 'utf8') : JSON.stringify(payload);
}
