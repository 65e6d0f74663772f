import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from './cursor';
import { ApiExceptionFilter } from './http-exception.filter';

describe('cursor', () => {
  it('round-trips a key', () => {
    const c = encodeCursor(['2026-11-25', 'abc']);
    expect(decodeCursor(c, ['string', 'string'] as const)).toEqual(['2026-11-25', 'abc']);
    expect(decodeCursor(encodeCursor([1, 'x']), ['number', 'string'] as const)).toEqual([1, 'x']);
    expect(decodeCursor(undefined, ['string'] as const)).toBeNull();
  });

  it.each(['!!!', 'a'.repeat(600), Buffer.from('{}').toString('base64url'), encodeCursor([1]), encodeCursor(['a', 1])])(
    'rejects %s',
    (c) => expect(() => decodeCursor(c, ['string', 'string'] as const)).toThrow(BadRequestException),
  );
});

describe('ApiExceptionFilter', () => {
  const filter = new ApiExceptionFilter();

  it('keeps our messages', () => {
    expect(filter.toBody(new NotFoundException('Timesheet entry not found'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Timesheet entry not found',
    });
    expect(filter.toBody(new BadRequestException(['hours must be at most 24']))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['hours must be at most 24'],
    });
  });

  it('never leaks other errors', () => {
    const err = new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const body = filter.toBody(err);
    expect(body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' });
    expect(JSON.stringify(body)).not.toContain('SQLITE');
  });

  it('maps framework client errors to fixed messages', () => {
    const e = Object.assign(new Error('Unsupported Media Type: text/plain'), { statusCode: 415 });
    expect(filter.toBody(e)).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'Request bodies must be application/json',
    });
    expect(filter.toBody(new HttpException('x', 429)).error).toBe('Too Many Requests');
  });
});

describe('cursor properties', () => {
  const shapes = fc.array(fc.constantFrom('string' as const, 'number' as const), { minLength: 1, maxLength: 4 });
  const valueOf = (t: 'string' | 'number') =>
    t === 'string'
      ? fc.string({ unit: 'binary', maxLength: 40 })
      : fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));

  it('decodes what it encoded, whatever the text (other planes, lone surrogates, quotes) and numbers', () =>
    fc.assert(
      fc.property(
        shapes.chain((shape) => fc.tuple(fc.constant(shape), fc.tuple(...shape.map(valueOf)))),
        ([shape, key]) => {
          const cursor = encodeCursor(key);
          fc.pre(cursor.length <= 512);
          expect(decodeCursor(cursor, shape)).toEqual(key);
        },
      ),
      { numRuns: 500 },
    ));

  /** Forged, truncated and tampered cursors, and base64url of any JSON. */
  const anyCursor = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.base64String({ maxLength: 80 }).map((s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')),
    fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    fc
      .tuple(fc.array(fc.oneof(fc.string(), fc.double(), fc.constant(null)), { maxLength: 3 }), fc.nat(), fc.nat())
      .map(([key, cut, flip]) => {
        const c = encodeCursor(key as (string | number)[]);
        const i = flip % Math.max(1, c.length);
        return (c.slice(0, i) + (c[i] === 'A' ? 'B' : 'A') + c.slice(i + 1)).slice(0, cut % (c.length + 1));
      }),
  );

  it('answers any other text with the key in its shape or a 400, never another error', () =>
    fc.assert(
      fc.property(anyCursor, shapes, (cursor, shape) => {
        let decoded: unknown;
        try {
          decoded = decodeCursor(cursor, shape);
        } catch (e) {
          expect(e).toBeInstanceOf(BadRequestException);
          return;
        }
        if (decoded === null) return expect(cursor).toBe('');
        expect(Array.isArray(decoded)).toBe(true);
        (decoded as unknown[]).forEach((v, i) => {
          expect(typeof v).toBe(shape[i]);
          if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        });
      }),
      { numRuns: 2000 },
    ));
});
