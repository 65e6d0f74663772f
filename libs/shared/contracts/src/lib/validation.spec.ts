import { TimesheetMessages, dateFieldMessage, hasTrimmedLength, isValidHours } from './validation';

describe('validation', () => {
  it('accepts hours the API accepts', () => {
    for (const ok of [0.01, 0.25, 7.5, 24]) expect(isValidHours(ok)).toBe(true);
    for (const bad of [0, -1, 24.01, 1.255, NaN, Infinity, '8', null, undefined]) expect(isValidHours(bad)).toBe(false);
  });

  it('measures trimmed text', () => {
    expect(hasTrimmedLength('  a ', 1, 2)).toBe(true);
    expect(hasTrimmedLength('   ', 1, 2)).toBe(false);
    expect(hasTrimmedLength('abc', 1, 2)).toBe(false);
    expect(hasTrimmedLength(3, 0, 2)).toBe(false);
  });

  it('words messages as the API always has', () => {
    expect(TimesheetMessages.hours).toBe(
      'hours must be a number greater than 0 and at most 24, with at most 2 decimals',
    );
    expect(TimesheetMessages.reason).toBe('reason must be 1 to 500 characters');
    expect(TimesheetMessages.date).toBe(dateFieldMessage('date'));
    expect(dateFieldMessage('from')).toBe('from must be a valid date written YYYY-MM-DD');
  });
});
