import {
  TimesheetMessages,
  TimesheetRuleMessages,
  dateFieldMessage,
  hasTrimmedLength,
  isValidHours,
} from './validation';

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

  it('words every message as a full sentence in sentence case, naming its field', () => {
    expect(TimesheetMessages.hours).toBe('Hours must be more than 0 and at most 24, with at most 2 decimals.');
    expect(TimesheetMessages.reason).toBe('Reason must be 1 to 500 characters.');
    expect(TimesheetMessages.date).toBe(dateFieldMessage('date'));
    expect(dateFieldMessage('from')).toBe('From must be a real date written YYYY-MM-DD.');
    for (const [key, message] of Object.entries(TimesheetMessages))
      expect({ key, message }).toEqual({ key, message: expect.stringMatching(/^[A-Z].*\.$/) });
    for (const [key, make] of Object.entries(TimesheetRuleMessages)) {
      const message = typeof make === 'string' ? make : (make as (...a: unknown[]) => string)('2026-W50', 24.5, 'x');
      expect({ key, message }).toEqual({ key, message: expect.stringMatching(/^[A-Z0-9].*\.$/) });
    }
  });
});
