import fc from 'fast-check';
import { type OpenApiDocument, type Operation, type Parameter, resolveSchema, type Schema } from './openapi';

/** One request as it goes on the wire: the target is sent byte for byte (already percent-encoded, or deliberately not). */
export interface FuzzRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the running API handed out, so that generated inputs also reach past "not found". */
export interface FuzzPools {
  /** UUIDs of rows that exist (for writes: only those the fuzzing actor can lose without losing its own access). */
  ids: readonly string[];
  /** The same, by the list route they came from (`roles` for GET /api/admin/roles), for path parameters. */
  byResource: Readonly<Record<string, readonly string[]>>;
  /** `nextCursor` values the API returned. */
  cursors: readonly string[];
}

export interface RouteExtras {
  /** Headers every request of the route carries (a key, a metrics bearer), overriding the actor's token. */
  headers?: Record<string, string>;
  /**
   * A GET path (under /api) whose answer is a valid body for this route, for bodies no schema describes well enough
   * to generate (an import takes what the export gives). Plausible bodies are then that answer, changed in one place.
   */
  bodyFrom?: string;
}

/** What one operation's requests are made of, besides the document. */
export interface RequestSources {
  pools: FuzzPools;
  /** Headers of every request (the actor's bearer token). */
  headers: Record<string, string>;
  extras?: RouteExtras;
  /** Valid bodies (from `extras.bodyFrom`). */
  seeds?: readonly unknown[];
  /** Only plausible requests (when something else about them is what varies). */
  plausibleOnly?: boolean;
}

/** Percent-encodes the UTF-8 of any string (a lone surrogate becomes U+FFFD, where encodeURIComponent throws). */
export function pct(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const pick = <T>(values: readonly T[], fallback: fc.Arbitrary<T>) =>
  values.length > 0 ? fc.constantFrom(...values) : fallback;

// ---------------------------------------------------------------------------------------------------------------
// Leaves: strings, numbers, dates, ids, cursors

/** Strings that broke something somewhere once: NUL, lone surrogates, right-to-left marks, injection look-alikes. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202e',
  '\ufeff',
  '\r\n',
  '😀',
  'null',
  'undefined',
  'true',
  'NaN',
  '-0',
  '1e309',
  '__proto__',
  'constructor',
  'toString',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '%',
  '%00',
  '\\',
  '"',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
];

const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * One instant written in one of the many ways ISO 8601 allows (calendar, ordinal and week dates, basic and extended,
 * reduced precision, decimal fractions with '.' or ',', every zone form, expanded years), whether or not it is valid.
 */
export const iso8601: fc.Arbitrary<string> = fc
  .tuple(
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.constantFrom(
      'calendar',
      'calendar-basic',
      'month',
      'year',
      'ordinal',
      'ordinal-basic',
      'week',
      'week-basic',
      'week-no-day',
    ),
    fc.constantFrom(
      '',
      'Thh',
      'Thh:mm',
      'Thh:mm:ss',
      'Thhmmss',
      'Thh:mm:ss.fff',
      'Thh,f',
      'Thh.f',
      'Thh:mm,f',
      ' hh:mm:ss',
      'T24:00',
    ),
    fc.constantFrom('', 'Z', '+hh', '-hhmm', '+hh:mm', '-hh:mm', '+00:00', '-00:00'),
    fc.boolean(),
  )
  .map(([d, dateForm, timeForm, zone, expandedYear]) => {
    const y = d.getUTCFullYear();
    const year = expandedYear ? `+0${y}` : String(y);
    const [mo, da] = [p2(d.getUTCMonth() + 1), p2(d.getUTCDate())];
    const dayOfYear = String(Math.floor((d.getTime() - Date.UTC(y, 0, 1)) / 86_400_000) + 1).padStart(3, '0');
    const week = p2(Math.min(53, Math.floor((Number(dayOfYear) + 6) / 7)));
    const weekday = ((d.getUTCDay() + 6) % 7) + 1;
    const date = {
      calendar: `${year}-${mo}-${da}`,
      'calendar-basic': `${year}${mo}${da}`,
      month: `${year}-${mo}`,
      year,
      ordinal: `${year}-${dayOfYear}`,
      'ordinal-basic': `${year}${dayOfYear}`,
      week: `${year}-W${week}-${weekday}`,
      'week-basic': `${year}W${week}${weekday}`,
      'week-no-day': `${year}-W${week}`,
    }[dateForm];
    const [h, mi, se] = [p2(d.getUTCHours()), p2(d.getUTCMinutes()), p2(d.getUTCSeconds())];
    const time = timeForm
      .replace('hh', h)
      .replace('mm', mi)
      .replace('ss', se)
      .replace('fff', String(d.getUTCMilliseconds()).padStart(3, '0'))
      .replace('f', '5');
    return `${date}${time}${time ? zone.replace('hh', '01').replace('mm', '30') : ''}`;
  });

/** Text shaped like dates and times, valid or nearly so: ISO 8601 forms the services may not read, and near misses. */
export const dateish: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: iso8601 },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '2024-02-29',
      '2026-02-30',
      '2016-12-31T23:59:60Z',
      '0000-01-01T00:00:00+00:01',
      '9999-12-31T23:59:59-00:01',
      '+275760-09-13',
      '-000001-01-01',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.stringMatching(/^[0-9+-]{0,7}$/),
        fc.constantFrom('-', '', 'W', '-W'),
        fc.stringMatching(/^[0-9]{0,3}$/),
        fc.constantFrom('-', ''),
        fc.stringMatching(/^[0-9]{0,3}$/),
        fc.constantFrom('', 'T', ' '),
        fc.stringMatching(/^[0-9:.,]{0,14}$/),
        fc.constantFrom('', 'Z', '+', '-', '+01:00', '-23:59', '+24:00'),
      )
      .map((parts) => parts.join('')),
  },
);

/** Any text: unicode of every plane (lone surrogates included), nasty constants, dates, long runs. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: dateish },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2500 }).map((n) => 'é'.repeat(n)) },
);

const BOUNDARY_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.005,
  0.01,
  0.1 + 0.2,
  24,
  24.000001,
  100,
  101,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e21,
];

/** Numbers around a schema's bounds and the usual edges (JSON cannot carry NaN or Infinity). */
function numberArb(schema: Schema): fc.Arbitrary<number> {
  const bounds = [schema.minimum, schema.maximum]
    .filter((b): b is number => typeof b === 'number')
    .flatMap((b) => [b, b - 1, b + 1, b - 0.001, b + 0.001]);
  return fc.oneof(
    fc.constantFrom(...BOUNDARY_NUMBERS, ...bounds),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
}

/** Number-like text for query strings, where everything arrives as a string. */
function numberText(schema: Schema): fc.Arbitrary<string> {
  return fc.oneof(
    numberArb(schema).map(String),
    fc.constantFrom(
      '',
      ' 5',
      '5 ',
      '1e2',
      '0x10',
      '0b1',
      '1_0',
      '1.',
      '.5',
      '+1',
      '--1',
      'NaN',
      'Infinity',
      '9'.repeat(400),
    ),
  );
}

const uuidVariants: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.uuid().map((u) => `{${u}}`),
  fc.uuid().map((u) => `${u}0`),
  fc.tuple(fc.uuid(), fc.nat({ max: 35 })).map(([u, n]) => u.slice(0, n)),
);

/** An id: one that exists, a well-formed one that does not, or a near miss. */
function idArb(pools: FuzzPools): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: pick(pools.ids, fc.uuid()) }, { weight: 2, arbitrary: uuidVariants });
}

/** Cursors: real ones, real ones truncated or with a character changed, and forgeries of every shape. */
function cursorArb(pools: FuzzPools): fc.Arbitrary<string> {
  const real = pick(pools.cursors, fc.constant(b64url('["2026-11-25","00000000-0000-4000-8000-000000000000"]')));
  const alphabet = fc.constantFrom(...'AZaz09-_=+/.'.split(''));
  return fc.oneof(
    real,
    fc.tuple(real, fc.nat()).map(([c, n]) => c.slice(0, n % (c.length + 1))),
    fc.tuple(real, fc.nat(), alphabet).map(([c, n, ch]) => {
      const i = n % Math.max(1, c.length);
      return c.slice(0, i) + ch + c.slice(i + 1);
    }),
    fc.base64String({ maxLength: 64 }).map((s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')),
    fc.jsonValue({ maxDepth: 2 }).map((v) => b64url(JSON.stringify(v))),
    fc
      .array(fc.oneof(anyText, numberArb({}), fc.constant(null), fc.boolean(), idArb(pools)), { maxLength: 4 })
      .map((key) => b64url(JSON.stringify(key))),
    fc.integer({ min: 500, max: 700 }).map((n) => 'A'.repeat(n)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// JSON values from schemas

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];
/** Fields no DTO declares but an attacker would try (ownership, state, ids). */
const PRIVILEGED_KEYS = ['id', 'ownerId', 'userId', 'status', 'decidedBy', 'createdAt', 'role', 'roles', 'admin'];

/** Any JSON value, prototype keys included (fc.dictionary makes them own properties, which JSON.stringify writes). */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    numberArb({}),
    anyText,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, ...PRIVILEGED_KEYS), fc.string({ maxLength: 8 })),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/**
 * How far from the schema a generated value strays: `plausible` values mostly pass validation (so that requests reach
 * the services, the database and its constraints), `wild` ones sit on the limits or have another type altogether.
 */
export type Mode = 'plausible' | 'wild';

/** A value for the schema, in the given mode. */
export function valueArb(
  doc: OpenApiDocument,
  schema: Schema | undefined,
  pools: FuzzPools,
  mode: Mode,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolveSchema(doc, schema);
  const shaped = shapedArb(doc, s, pools, mode, depth);
  const alternatives: fc.WeightedArbitrary<unknown>[] = [{ weight: 6, arbitrary: shaped }];
  if (mode === 'wild') alternatives.push({ weight: 2, arbitrary: anyJson });
  if (s.nullable || mode === 'wild') alternatives.push({ weight: 1, arbitrary: fc.constant(null) });
  return fc.oneof({ withCrossShrink: true }, ...alternatives);
}

function shapedArb(
  doc: OpenApiDocument,
  s: Schema,
  pools: FuzzPools,
  mode: Mode,
  depth: number,
): fc.Arbitrary<unknown> {
  if (s.enum && s.enum.length > 0) {
    return mode === 'plausible' ? fc.constantFrom(...s.enum) : fc.oneof(fc.constantFrom(...s.enum), anyText);
  }
  if (s.format === 'uuid') return mode === 'plausible' ? pick(pools.ids, fc.uuid()) : idArb(pools);
  switch (s.type) {
    case 'string':
      return stringArb(s, mode);
    case 'number':
    case 'integer':
      return mode === 'plausible' ? plausibleNumber(s) : numberArb(s);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const examples = Array.isArray(s.example) ? s.example : [];
      const item = examples.length
        ? fc.oneof(fc.constantFrom(...examples), valueArb(doc, s.items, pools, mode, depth + 1))
        : valueArb(doc, s.items, pools, mode, depth + 1);
      const few = fc.array(item, { maxLength: mode === 'plausible' ? 3 : 5 });
      if (mode === 'plausible') return few;
      const many = fc
        .tuple(fc.integer({ min: 100, max: 3000 }), item)
        .map(([n, v]) => Array.from({ length: n }, () => v));
      return fc.oneof({ weight: 4, arbitrary: few }, { weight: 1, arbitrary: many });
    }
    case 'object':
    case undefined:
      if (s.properties && depth < 4) return objectArb(doc, s, pools, mode, depth);
      // No described shape: the document mistypes a string field (nullable strings show up as objects) or leaves an
      // object open. A string of the declared length, or anything.
      if (mode === 'plausible' && s.maxLength !== undefined) return stringArb({ ...s, type: 'string' }, mode);
      return fc.oneof(anyText, anyJson);
    default:
      return anyJson;
  }
}

/** Numbers a form would send: whole numbers and hundredths within the bounds. */
function plausibleNumber(s: Schema): fc.Arbitrary<number> {
  const lo = s.minimum ?? 0;
  const hi = s.maximum ?? 1000;
  // mostly whole numbers: the document says `number` for integers too
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) },
    { weight: 1, arbitrary: fc.integer({ min: Math.round(lo * 100), max: Math.round(hi * 100) }).map((n) => n / 100) },
  );
}

function stringArb(s: Schema & { description?: string }, mode: Mode): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 60;
  const examples = typeof s.example === 'string' ? [fc.constant(s.example)] : [];
  const kind = dateKind(s);
  if (mode === 'plausible' && kind) return validDate(kind === 'date-time');
  if (mode === 'plausible') {
    const fits = (t: string) => t.length >= min && t.length <= max;
    const sizes = { minLength: Math.max(1, min), maxLength: Math.max(1, Math.min(max, 30)) };
    // within the limits, but with what databases and encoders choke on: NUL, lone surrogates, other planes
    const awkward = fc.oneof(
      fc.constantFrom(...NASTY_STRINGS.filter((t) => t.trim().length > 0)).filter(fits),
      fc.string({ ...sizes, unit: 'binary' }),
      fc
        .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.constantFrom('\u0000', '\ud800', '\u202e', '😀'))
        .map(([a, b]) => a + b),
    );
    return fc.oneof(
      { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9:_.-]{0,20}$/).filter(fits) },
      { weight: 2, arbitrary: fc.string(sizes) },
      { weight: 2, arbitrary: awkward },
      ...examples.map((arbitrary) => ({ weight: 1, arbitrary })),
    );
  }
  const sized = [s.minLength, s.maxLength]
    .filter((n): n is number => typeof n === 'number')
    .flatMap((n) => [n, n + 1, Math.max(0, n - 1)])
    .map((n) => fc.constantFrom('a', 'Ω', '😀', ' ').map((c) => c.repeat(n)));
  return fc.oneof(
    { weight: 3, arbitrary: anyText },
    ...(kind ? [{ weight: 4, arbitrary: dateish }] : []),
    ...[...sized, ...examples].map((arbitrary) => ({ weight: 1, arbitrary })),
  );
}

/** The declared properties (required ones usually present); wild objects now and then carry unknown and prototype keys. */
function objectArb(
  doc: OpenApiDocument,
  s: Schema,
  pools: FuzzPools,
  mode: Mode,
  depth: number,
  wildKey?: string,
): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, schema] of Object.entries(props)) {
    model[name] = valueArb(doc, schema, pools, name === wildKey ? 'wild' : mode, depth + 1);
  }
  const requiredKeys = [...(s.required ?? []), ...(wildKey ? [wildKey] : [])].filter((k) => k in model);
  const own =
    mode === 'plausible'
      ? fc.record(model, { requiredKeys })
      : fc.oneof(fc.record(model, { requiredKeys }), fc.record(model, { requiredKeys: [] }));
  const extra =
    mode === 'plausible'
      ? fc.constant(null)
      : sometimes(
          fc.dictionary(
            fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, ...PRIVILEGED_KEYS), fc.string({ maxLength: 8 })),
            anyJson,
            {
              minKeys: 1,
              maxKeys: 2,
            },
          ),
          4,
        );
  return fc.tuple(own, extra).map(([fields, more]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) out[k] = v;
    // defineProperty: `__proto__` must become an own key, not the prototype
    for (const [k, v] of Object.entries(more ?? {})) {
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  });
}

/** `arb` in about one run out of `n`, otherwise null (what it shrinks to). */
function sometimes<T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | null> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: n - 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: arb },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** Path segments sent as they are: malformed and encoded sequences, dot segments, separators. */
const RAW_SEGMENTS = [
  '',
  '.',
  '..',
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%2F',
  '%2e%2e',
  '%5C',
  '%C0%AF',
  '%FF%FE',
  ';',
  'a;b=c',
  '*',
  '~',
  '%25',
];

/**
 * The list a path parameter's ids come from: `{id}` after `/roles` and `{roleId}` both mean `roles`. A guess from names
 * alone, so that new routes need no table; a wrong guess only means fewer requests get past "not found".
 */
export function resourceOf(op: Operation, param: string): string {
  if (param !== 'id') return `${param.replace(/Id$/, '')}s`;
  const before = op.path
    .slice(0, op.path.indexOf(`{${param}}`))
    .split('/')
    .filter((x) => x && !x.startsWith('{'));
  return before[before.length - 1] ?? '';
}

function segmentArb(op: Operation, param: Parameter, pools: FuzzPools, mode: Mode): fc.Arbitrary<string> {
  const own = pools.byResource[resourceOf(op, param.name)] ?? [];
  const existing = pick(own, pick(pools.ids, fc.uuid()));
  if (mode === 'plausible') {
    // ids of the list the name points to, or of any list (each list equally likely: the guess may be wrong)
    const lists = Object.values(pools.byResource).filter((l) => l.length > 0);
    const anyList = lists.length ? fc.constantFrom(...lists).chain((l) => fc.constantFrom(...l)) : fc.uuid();
    return fc.oneof(existing, anyList);
  }
  return fc.oneof(
    { weight: 3, arbitrary: idArb(pools).map(pct) },
    { weight: 1, arbitrary: existing },
    { weight: 2, arbitrary: anyText.map(pct) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: fc.integer({ min: 150, max: 400 }).map((n) => 'a'.repeat(n)) },
    ...(param.schema?.enum ? [{ weight: 2, arbitrary: fc.constantFrom(...param.schema.enum.map(String)) }] : []),
  );
}

/** Valid dates, and (when `withTime`) RFC 3339 date-times, for fields the document says take one. */
const validDate = (withTime: boolean) =>
  fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true })
    .chain((d) =>
      withTime
        ? fc.constantFrom(d.toISOString().slice(0, 10), d.toISOString())
        : fc.constant(d.toISOString().slice(0, 10)),
    );
/** `date`, `date-time` or null, from the schema's format, description or example. */
function dateKind(s: Schema & { description?: string }): 'date' | 'date-time' | null {
  const text = `${s.format ?? ''} ${s.description ?? ''}`;
  if (/date-time|RFC 3339|ISO 8601/i.test(text)) return 'date-time';
  if (/YYYY-MM-DD|\bdate\b/i.test(text) || (typeof s.example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.example))) {
    return 'date';
  }
  return null;
}

function queryValueArb(doc: OpenApiDocument, param: Parameter, pools: FuzzPools, mode: Mode): fc.Arbitrary<string> {
  const s = { description: param.description, ...resolveSchema(doc, param.schema) };
  if (mode === 'plausible') {
    if (/cursor/i.test(param.name)) return pick(pools.cursors, fc.constant(''));
    if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum.map(String));
    if (s.type === 'number' || s.type === 'integer') return plausibleNumber(s).map(String);
    if (s.type === 'boolean') return fc.constantFrom('true', 'false');
    if (s.format === 'uuid' || /id$/i.test(param.name)) return pick(pools.ids, fc.uuid());
    return stringArb(s, 'plausible');
  }
  let shaped: fc.Arbitrary<string>;
  if (/cursor/i.test(param.name)) shaped = cursorArb(pools);
  else if (s.enum && s.enum.length > 0) {
    shaped = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...s.enum.map(String)) },
      { weight: 1, arbitrary: fc.constantFrom(...s.enum.map((e) => String(e).toUpperCase())) },
    );
  } else if (s.type === 'number' || s.type === 'integer') {
    shaped = fc.oneof(
      { weight: 3, arbitrary: plausibleNumber(s).map(String) },
      { weight: 2, arbitrary: numberText(s) },
    );
  } else if (s.type === 'boolean') shaped = fc.constantFrom('true', 'false', '1', '0', 'yes', 'TRUE');
  else if (s.format === 'uuid' || /id$/i.test(param.name)) shaped = idArb(pools);
  else shaped = fc.oneof(stringArb(s, 'plausible'), stringArb(s, 'wild'), dateish);
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: dateish },
  );
}

/** A query entry: key, value and whether both are sent without percent-encoding. */
type QueryEntry = [key: string, value: string, raw: boolean];

/** Declared parameters (each present in one run of two, or two of three), and when wild, now and then repeated,
 * bracketed, unknown or unencoded keys. */
function queryArb(
  doc: OpenApiDocument,
  op: Operation,
  pools: FuzzPools,
  mode: Mode,
  wildName?: string,
): fc.Arbitrary<QueryEntry[]> {
  const entry = (k: fc.Arbitrary<string>, v: fc.Arbitrary<string>, raw = false) =>
    fc.tuple(k, v).map(([key, value]): QueryEntry => [key, value, raw]);
  const declared = op.query.map((p) =>
    p.name === wildName
      ? entry(fc.constant(p.name), queryValueArb(doc, p, pools, 'wild'))
      : fc.option(entry(fc.constant(p.name), queryValueArb(doc, p, pools, mode)), {
          freq: mode === 'plausible' ? 2 : 3,
        }),
  );
  if (mode === 'plausible') {
    return fc.tuple(...declared).map((own) => own.filter((e): e is QueryEntry => e !== null && e[1] !== ''));
  }
  const names = op.query.map((p) => p.name);
  const name = names.length ? fc.constantFrom(...names) : fc.constant('q');
  const oddities = fc.oneof(
    fc.array(entry(name, anyText), { minLength: 1, maxLength: 2 }), // repeated keys (arrays)
    entry(
      fc.tuple(name, fc.constantFrom('[]', '[0]', '[a]', '.x')).map(([k, x]) => k + x),
      fc.constant('1'),
    ).map((e) => [e]),
    fc.array(
      entry(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, ...PRIVILEGED_KEYS), fc.string({ maxLength: 8 })), anyText),
      {
        minLength: 1,
        maxLength: 2,
      },
    ),
    entry(name, fc.constantFrom(...RAW_SEGMENTS, '%2B01:00', '+', '&&', '=='), true).map((e) => [e]),
  );
  return fc
    .tuple(fc.tuple(...declared), sometimes(oddities, 5))
    .map(([own, odd]) => [...own.filter((e): e is QueryEntry => e !== null), ...(odd ?? [])]);
}

function queryString(entries: QueryEntry[]): string {
  if (entries.length === 0) return '';
  const part = ([k, v, raw]: QueryEntry) => (raw ? `${k}=${v}` : `${pct(k)}=${pct(v)}`);
  return `?${entries.map(part).join('&')}`;
}

/** A body with its content type, or none. */
type BodyVariant = { contentType: string | null; text: string } | null;

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/JSON',
  'application/json;',
  '',
];

/** Schema-shaped JSON (plausible and wild), any JSON, broken JSON, too deep, too large, another type, or none. */
function bodyArb(
  doc: OpenApiDocument,
  op: Operation,
  pools: FuzzPools,
  mode: Mode,
  seeds: readonly unknown[],
  wildKey?: string,
): fc.Arbitrary<BodyVariant> {
  const json = (v: unknown): BodyVariant => ({ contentType: 'application/json', text: JSON.stringify(v) ?? 'null' });
  const schema = op.body ?? { type: 'object', properties: {} };
  let plausibleValue: fc.Arbitrary<unknown>;
  if (wildKey) plausibleValue = objectArb(doc, resolveSchema(doc, schema), pools, 'plausible', 0, wildKey);
  else if (seeds.length) plausibleValue = fc.constantFrom(...seeds).chain((seed) => mutatedArb(seed));
  else plausibleValue = valueArb(doc, schema, pools, 'plausible');
  const plausible = plausibleValue.map(json);
  const wild = valueArb(doc, schema, pools, 'wild').map(json);
  const asJson = (text: string): BodyVariant => ({ contentType: 'application/json', text });
  const broken = fc.oneof(
    fc.tuple(wild, fc.nat()).map(([b, n]) => asJson(b ? b.text.slice(0, n % (b.text.length + 1)) : '')),
    fc
      .constantFrom(
        '',
        '{',
        '{"a":',
        'nul',
        '[1,]',
        "{'a':1}",
        '{"a":1}{"b":2}',
        '\ufeff{}',
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"admin":true}}}',
        `{"n":${'9'.repeat(400)}}`,
      )
      .map(asJson),
    fc.integer({ min: 20, max: 200 }).map((n) => asJson('['.repeat(n) + ']'.repeat(n))),
    fc.integer({ min: 90_000, max: 120_000 }).map((n) => json({ notes: 'x'.repeat(n) })),
  );
  if (mode === 'plausible') return op.body ? plausible : fc.constant(null);
  const otherType = fc
    .tuple(plausible, fc.constantFrom(...CONTENT_TYPES))
    .map(([b, contentType]): BodyVariant => ({ contentType: contentType || null, text: b?.text ?? '' }));
  return op.body
    ? fc.oneof(
        { withCrossShrink: true },
        { weight: 1, arbitrary: plausible },
        { weight: 6, arbitrary: wild },
        { weight: 1, arbitrary: anyJson.map(json) },
        { weight: 1, arbitrary: broken },
        { weight: 1, arbitrary: otherType },
        { weight: 1, arbitrary: fc.constant(null) },
      )
    : fc.oneof(
        { withCrossShrink: true },
        { weight: 8, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: anyJson.map(json) },
        { weight: 1, arbitrary: broken },
      );
}

/** A JSON path: keys and indexes from the root. */
type JsonPath = (string | number)[];

function nodePaths(value: unknown, path: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => nodePaths(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nodePaths(v, [...path, k], out);
  }
  return out;
}

/** A known-good value as it is, or changed in one place: a node replaced by anything, removed, or doubled. */
export function mutatedArb(seed: unknown): fc.Arbitrary<unknown> {
  const paths = nodePaths(seed);
  if (paths.length === 0) return fc.constant(seed);
  const change = fc
    .tuple(fc.nat({ max: paths.length - 1 }), fc.constantFrom('replace', 'remove', 'double'), anyJson)
    .map(([i, how, replacement]) => {
      const copy = structuredClone(seed) as Record<string | number, unknown>;
      const path = paths[i];
      let parent: Record<string | number, unknown> = copy;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      const last = path[path.length - 1];
      if (how === 'replace') parent[last] = replacement;
      else if (Array.isArray(parent)) {
        if (how === 'remove') parent.splice(last as number, 1);
        else parent.splice(last as number, 0, structuredClone(parent[last as number]));
      } else if (how === 'remove') delete parent[last];
      else parent[`${last}`] = structuredClone(parent[last]);
      return copy;
    });
  return fc.oneof({ withCrossShrink: true }, fc.constant(seed), change);
}

/** One input of an operation: a path parameter, a query parameter or a top-level body property. */
type Slot = { in: 'path' | 'query' | 'body'; name: string };

/** The inputs of an operation, one wild at a time in the second kind of request below. */
export function inputsOf(doc: OpenApiDocument, op: Operation): Slot[] {
  const bodyProps = op.body ? Object.keys(resolveSchema(doc, op.body).properties ?? {}) : [];
  return [
    ...op.pathParams.map((p): Slot => ({ in: 'path', name: p.name })),
    ...op.query.map((p): Slot => ({ in: 'query', name: p.name })),
    ...bodyProps.map((name): Slot => ({ in: 'body', name })),
  ];
}

/**
 * Every request the fuzz suite may send to one operation, of three kinds: plausible (existing ids, valid query values,
 * schema-shaped bodies, which reach the services and the database), plausible but for one input that is wild (each
 * field's validation met alone, and edge values that pass it reach the service), and wild (anything, anywhere).
 */
export function requestArb(doc: OpenApiDocument, op: Operation, sources: RequestSources): fc.Arbitrary<FuzzRequest> {
  const { pools, extras = {}, seeds = [] } = sources;
  const given = new Set(Object.keys(extras.headers ?? {}).map((h) => h.toLowerCase()));
  const slots = inputsOf(doc, op);
  const build = (mode: Mode, wild?: Slot) => {
    const wildIn = (where: Slot['in']) => (wild?.in === where ? wild.name : undefined);
    const segments = fc.record(
      Object.fromEntries(
        op.pathParams.map((p) => [p.name, segmentArb(op, p, pools, p.name === wildIn('path') ? 'wild' : mode)]),
      ),
    );
    const headerValues = fc.record(
      Object.fromEntries(
        op.headers
          .filter((h) => !given.has(h.name.toLowerCase()))
          .map((h) => [h.name, fc.stringMatching(/^[\x21-\x7e]{0,40}$/)]),
      ),
    );
    // now and then a header the route's table gives (its key) is replaced by a made-up one
    const replaced = given.size && mode === 'wild' ? sometimes(fc.constantFrom(...given), 8) : fc.constant(null);
    return fc.record({
      segments,
      query: queryArb(doc, op, pools, mode, wildIn('query')),
      body: bodyArb(doc, op, pools, mode, seeds, wildIn('body')),
      headerValues,
      replaced,
    });
  };
  const oneWild = slots.length
    ? [{ weight: 3, arbitrary: fc.oneof(...slots.map((slot) => build('plausible', slot))) }]
    : [];
  const kinds = sources.plausibleOnly
    ? build('plausible')
    : fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: build('plausible') }, ...oneWild, {
        weight: 2,
        arbitrary: build('wild'),
      });
  return kinds.map(({ segments: seg, query, body, headerValues: hv, replaced: r }) => {
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => seg[name] ?? '');
    const headers: Record<string, string> = { ...sources.headers, ...hv, ...extras.headers };
    if (r) headers[r] = 'not-the-key-0123456789';
    if (body?.contentType) headers['content-type'] = body.contentType;
    const request: FuzzRequest = { method: op.method, target: path + queryString(query), headers, body: body?.text };
    return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
  });
}

/** One readable line per request part, long values cut (the full text is what was sent). */
export function describeRequest(r: FuzzRequest): string {
  const cut = (t: string, n = 300) => (t.length > n ? `${t.slice(0, n)}… (${t.length} characters)` : t);
  const headers = Object.entries(r.headers)
    .filter(([k]) => k !== 'authorization')
    .map(([k, v]) => `${k}: ${v}`);
  const body = r.body === undefined ? [] : ['', cut(JSON.stringify(r.body).slice(1, -1).replace(/\\"/g, '"'))];
  let decoded: string[] = [];
  try {
    const plain = decodeURIComponent(r.target);
    if (plain !== r.target) decoded = [`(decoded: ${cut(JSON.stringify(plain).slice(1, -1))})`];
  } catch {
    decoded = ['(not decodable as UTF-8 percent-encoding)'];
  }
  return [`${r.method} ${cut(r.target)}`, ...decoded, ...headers, ...body].join('\n');
}
