import fc from 'fast-check';
import { instantRange, isDateOrDateTime, isIsoDate, parseDateTime } from './dates';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Instants whose UTC year is 0000..9999 (what toISOString writes with four digits). */
const instant = fc.date({
  min: new Date('0000-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
const offsetMinutes = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });

/** `at` written in the local time of a UTC offset, RFC 3339 style. */
function writeWithOffset(at: Date, offset: number, fraction: string): string {
  const local = new Date(at.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

describe('isIsoDate', () => {
  it.each(['2026-11-25', '2024-02-29', '0000-01-01', '9999-12-31'])('accepts %s', (d) =>
    expect(isIsoDate(d)).toBe(true),
  );
  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-1-5',
    '26-11-25',
    '2026-11-25T00:00:00Z',
    20261125,
    null,
  ])('rejects %s', (d) => expect(isIsoDate(d)).toBe(false));

  it('accepts exactly the days toISOString writes', () =>
    fc.assert(fc.property(instant, (at) => expect(isIsoDate(at.toISOString().slice(0, 10))).toBe(true))));
});

describe('parseDateTime', () => {
  it.each([
    ['2026-11-25T09:30:00Z', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25t09:30:00z', '2026-11-25T09:30:00.000Z'],
    ['2026-11-25T10:30:00.5+01:00', '2026-11-25T09:30:00.500Z'],
    ['2026-11-25T00:00:00.123456789-05:30', '2026-11-25T05:30:00.123Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
  ])('reads %s as %s', (text, iso) => expect(parseDateTime(text)?.toISOString()).toBe(iso));

  it.each([
    '2009-W01-1', // week date
    '2009-123', // ordinal date
    '20090519', // basic format
    '2009-05-19T14.5', // decimal hour
    '2010-02-18T16,25:23:48,444', // comma decimals
    '2026-01-01T10:00:00', // no offset: the server's local time, which nobody means
    '2026-01-01T10:00Z', // no seconds
    '2026-01-01 10:00:00Z', // space separator
    '2026-02-30T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2016-12-31T23:59:60Z', // leap second
    '2026-01-01T00:00:00+24:00',
    '2026-01-01T00:00:00+01:60',
    '2026-01-01T00:00:00.Z',
    '0000-01-01T00:00:00+00:01', // before year 0 in UTC
    '9999-12-31T23:59:59-00:01', // after year 9999 in UTC
    '+012026-01-01T00:00:00Z',
    '2026-11-25',
    '',
  ])('refuses %s', (text) => expect(parseDateTime(text)).toBeNull());

  it('reads back every instant toISOString writes', () =>
    fc.assert(fc.property(instant, (at) => expect(parseDateTime(at.toISOString())).toEqual(at))));

  it('reads the same instant from any UTC offset and fraction, as the JavaScript engine does', () =>
    fc.assert(
      fc.property(instant, offsetMinutes, fc.constantFrom('', '.0', '.5', '.25', '.125'), (at, offset, fraction) => {
        const whole = new Date(Math.floor(at.getTime() / 1000) * 1000);
        const localYear = new Date(whole.getTime() + offset * 60_000).getUTCFullYear();
        fc.pre(localYear >= 0 && localYear <= 9999); // the text has a four-digit year
        const text = writeWithOffset(whole, offset, fraction);
        const parsed = parseDateTime(text);
        expect(parsed?.getTime()).toBe(whole.getTime() + (fraction ? Number(`0${fraction}`) * 1000 : 0));
        expect(parsed?.getTime()).toBe(new Date(text).getTime());
      }),
    ));
});

describe('instantRange', () => {
  it('covers a whole UTC day for a date, one instant for a date-time', () => {
    expect(instantRange('2026-11-25')).toEqual({ first: '2026-11-25T00:00:00.000Z', last: '2026-11-25T23:59:59.999Z' });
    expect(instantRange('2026-11-25T10:30:00+01:00')).toEqual({
      first: '2026-11-25T09:30:00.000Z',
      last: '2026-11-25T09:30:00.000Z',
    });
    expect(instantRange('2009-W01-1')).toBeNull();
  });

  /** Text that looks like ISO 8601 often enough to reach every branch, and sometimes is not. */
  const isoish = fc.oneof(
    fc.string(),
    fc
      .tuple(
        fc.stringMatching(/^[0-9+-]{0,7}$/),
        fc.constantFrom('-', '', 'W', '-W'),
        fc.stringMatching(/^[0-9]{0,3}$/),
        fc.constantFrom('-', ''),
        fc.stringMatching(/^[0-9]{0,3}$/),
        fc.constantFrom('', 'T', 't', ' '),
        fc.stringMatching(/^[0-9:.,]{0,14}$/),
        fc.constantFrom('', 'Z', 'z', '+', '-', '+01:00', '-23:59', '+24:00'),
      )
      .map((parts) => parts.join('')),
    instant.map((at) => at.toISOString()),
  );

  it('whatever validation accepts, the bounds are instants that sort as text (four-digit years, UTC)', () =>
    fc.assert(
      fc.property(isoish, (text) => {
        const range = instantRange(text);
        expect(range !== null).toBe(isDateOrDateTime(text));
        if (range === null) return;
        for (const bound of [range.first, range.last]) {
          expect(bound).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
          expect(new Date(bound).toISOString()).toBe(bound);
        }
        expect(range.first <= range.last).toBe(true);
      }),
      { numRuns: 2000 },
    ));
});
