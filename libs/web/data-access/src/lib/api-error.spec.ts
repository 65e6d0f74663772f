import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { describeApiError, fieldErrors } from './api-error';

describe('describeApiError', () => {
  const e = (status: number, error: unknown) => new HttpErrorResponse({ status, error });
  it('keeps the API messages', () => {
    expect(describeApiError(e(400, { message: ['hours must be greater than 0 and at most 24'] }))).toEqual([
      'hours must be greater than 0 and at most 24',
    ]);
    expect(describeApiError(e(409, { message: 'Approved entries cannot be changed' }))).toEqual([
      'Approved entries cannot be changed',
    ]);
  });
  it('falls back by status', () => {
    expect(describeApiError(e(0, null))[0]).toMatch(/could not be reached/);
    expect(describeApiError(e(403, null))[0]).toMatch(/permission/);
    expect(describeApiError(new Error('x'))).toEqual(['x']);
  });
  it('never shows a scope name: a missing scope gets plain words', () => {
    const refused = new HttpErrorResponse({
      status: 403,
      error: { message: 'This action needs the scope approve:timesheets' },
      headers: new HttpHeaders({
        'WWW-Authenticate': 'Bearer realm="api", error="insufficient_scope", scope="approve:timesheets"',
      }),
    });
    expect(describeApiError(refused)).toEqual(['Your permissions have changed: you are no longer allowed to do this.']);
  });
  it('reads the fields an error names', () => {
    const errors = [{ field: 'entries[3].hours', message: 'Hours must be more than 0.' }];
    expect(fieldErrors(e(400, { message: ['Hours must be more than 0.'], errors }))).toEqual(errors);
    expect(fieldErrors(e(400, { message: 'x', errors: [{ field: 1 }, 'x', null] }))).toEqual([]);
    expect(fieldErrors(e(409, { message: 'Locked' }))).toEqual([]);
    expect(fieldErrors(new Error('x'))).toEqual([]);
  });
});
