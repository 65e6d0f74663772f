import { type ArgumentMetadata, Injectable, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { FieldErrorsException, unstorableTextAt, unstorableTextMessage } from '@timesheets/api-core';

const MAX_REMEMBERED = 512;
/**
 * Nest's ValidationPipe (class-transformer + class-validator, the DTOs' decorators), after a check that every string of
 * a body, query or parameter can be stored (unstorableTextAt: else a 400 with the field error), which also remembers what it made of a query
 * string it has validated before. A query DTO is a pure function of the query string, and the same few
 * query strings come back all the time (`?limit=50`, this week's `from`/`to`), while class-transformer and
 * class-validator cost ~35 us a time, as much as the rest of a cached request's auth and routing. A remembered DTO is
 * frozen, so that no handler can change what later requests get; only successes are kept, and at most
 * MAX_REMEMBERED per DTO class. Bodies and params are validated every time.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  private readonly queries = new WeakMap<object, Map<string, unknown>>();

  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // What the client sent; custom parameters (the principal) come from a verified token.
    const unstorable = metadata.type === 'custom' ? null : unstorableTextAt(value);
    if (unstorable !== null) {
      // A field error like the DTOs' (`entries[3].notes`); a whole parameter is named by its name (`id`, `week`).
      const field = unstorable.path || metadata.data || metadata.type;
      throw FieldErrorsException.of(field, unstorableTextMessage(unstorable, field));
    }
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || !metatype || !this.toValidate(metadata) || !isPlainRecord(value)) {
      return super.transform(value, metadata);
    }
    const key = queryKey(value);
    if (key === null) return super.transform(value, metadata);
    let known = this.queries.get(metatype);
    const hit = known?.get(key);
    if (hit !== undefined) return hit;
    const dto = Object.freeze(await super.transform(value, metadata));
    if (!known) this.queries.set(metatype, (known = new Map()));
    if (known.size >= MAX_REMEMBERED) known.clear();
    known.set(key, dto);
    return dto;
  }
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The parsed query as text (its values are strings or arrays of strings), or null when it is anything else. */
function queryKey(query: Record<string, unknown>): string | null {
  for (const k in query) {
    const v = query[k];
    if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) return null;
  }
  return JSON.stringify(query);
}
