import fc from 'fast-check';
import { isValidHours } from './validation';

describe('isValidHours', () => {
  it.each([0.01, 0.29, 7.5, 23.99, 24])('accepts %s', (h) => expect(isValidHours(h)).toBe(true));
  it.each([0, -0, -1, 24.01, 1.005, 1e-7, 5e-324, -5e-324, NaN, Infinity, '8', null])('refuses %s', (h) =>
    expect(isValidHours(h)).toBe(false),
  );

  it('accepts every hundredth in (0, 24]', () =>
    fc.assert(fc.property(fc.integer({ min: 1, max: 2400 }), (k) => expect(isValidHours(k / 100)).toBe(true))));

  it('accepts a number only when it is a hundredth in (0, 24], whatever its text (1e-7 has no dot)', () =>
    fc.assert(
      fc.property(fc.double(), (h) => {
        const hundredths = Math.round(h * 100);
        expect(isValidHours(h)).toBe(hundredths / 100 === h && hundredths >= 1 && hundredths <= 2400);
      }),
      { numRuns: 5000 },
    ));
});
