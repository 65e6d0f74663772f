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

/** Fastify's reply serializer for the API: SerializedJson as it is, anything else through JSON.stringify. */
export function serializeReply(payload: unknown): string {
  return payload instanceof SerializedJson ? payload.text : JSON.stringify(payload);
}
