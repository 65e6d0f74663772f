import type { Page } from '@timesheets/contracts';
import { encodeCursor } from './cursor';

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

/**
 * A keyset page as JSON text, from `limit + 1` rows of `[json, ...sortKey]`; the extra row only says that a next page
 * exists, and the next cursor is the last item's sort key. The body is assembled from the rows' JSON without parsing it.
 */
export function keysetPageJson<T>(rows: readonly (readonly unknown[])[], limit: number): SerializedJson<Page<T>> {
  const more = rows.length > limit;
  const n = more ? limit : rows.length;
  const items = new Array<unknown>(n);
  for (let i = 0; i < n; i++) items[i] = rows[i][0];
  // A cursor is base64url: nothing in it needs escaping. join() makes one flat string, which is written as it is.
  const next = more && n > 0 ? `"${encodeCursor(rows[n - 1].slice(1) as (string | number)[])}"` : 'null';
  return SerializedJson.trusted(`{"items":[${items.join(',')}],"nextCursor":${next}}`);
}
