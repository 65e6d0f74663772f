import {
  type ArgumentMetadata,
  BadRequestException,
  Injectable,
  ValidationPipe,
  type ValidationPipeOptions,
} from '@nestjs/common';

const MAX_REMEMBERED = 512;
/**
 * Text no database stores as it was sent: NUL (PostgreSQL refuses it in text, SQLite keeps it) and a UTF-16 surrogate
 * standing alone (what `\ud800` in JSON makes; UTF-8 cannot carry it, and class-validator's IsEmail throws on it).
 */
const UNSTORABLE = /[\0\p{Cs}]/u;

/**
 * Where in `value` (a parsed body, query or parameter) a string or a key holds unstorable text: its path (`email`,
 * `roles.0.name`, '' for the value itself) and what it holds, or null when there is none.
 */
export function unstorableTextAt(value: unknown, path = ''): { path: string; holds: string } | null {
  const holds = (text: string) => (text.includes('\0') ? 'a NUL character' : 'a lone surrogate');
  if (typeof value === 'string') return UNSTORABLE.test(value) ? { path, holds: holds(value) } : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    if (UNSTORABLE.test(key))
      return { path: path ? `a property name in ${path}` : 'a property name', holds: holds(key) };
    const found = unstorableTextAt(v, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Nest's ValidationPipe (class-transformer + class-validator, the DTOs' decorators), after a check that every string of
 * a body, query or parameter can be stored (unstorableTextAt), which also remembers what it made of a query
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
      const field = unstorable.path || metadata.data || `the request ${metadata.type}`;
      throw new BadRequestException([`${field} must not contain ${unstorable.holds}`]);
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
