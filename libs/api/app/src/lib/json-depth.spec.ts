import fc from 'fast-check';
import { jsonDepth } from './http-policies';

/** Nesting of a parsed value: arrays and objects count one level each, scalars none. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

// Strings full of brackets, quotes and backslashes: what a scanner that skips strings can get wrong.
const tricky = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ':', ','), maxLength: 12 });
const json = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'medium' },
    fc.oneof(tricky, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(tricky, tie('v'), { maxKeys: 3 }),
  ),
})).v;

describe('jsonDepth properties', () => {
  it('measures the nesting of any JSON text, compact or indented, without parsing it', () =>
    fc.assert(
      fc.property(json, fc.constantFrom(undefined, 2), (value, indent) => {
        expect(jsonDepth(JSON.stringify(value, null, indent))).toBe(depthOf(value));
      }),
      { numRuns: 1000 },
    ));

  it('with a limit, reports more than the limit exactly when the text nests deeper', () =>
    fc.assert(
      fc.property(json, fc.nat({ max: 6 }), (value, limit) => {
        expect(jsonDepth(JSON.stringify(value), limit) > limit).toBe(depthOf(value) > limit);
      }),
      { numRuns: 1000 },
    ));
});
