import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
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
