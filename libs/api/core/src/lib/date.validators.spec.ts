import { validateSync } from 'class-validator';
import { dateFieldMessage } from '@timesheets/contracts';
import { IsCalendarDate, IsDateOrDateTime } from './date.validators';

class Query {
  @IsCalendarDate()
  day?: unknown;

  @IsDateOrDateTime()
  since?: unknown;
}

const errors = (day: unknown, since: unknown) =>
  validateSync(Object.assign(new Query(), { day, since })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('date validators', () => {
  it('accept what the services can read', () => {
    expect(errors('2026-11-25', '2026-11-25')).toEqual([]);
    expect(errors('2024-02-29', '2026-11-25T10:30:00+01:00')).toEqual([]);
  });

  it('refuse other ISO 8601 forms with a message naming the field', () => {
    expect(errors('2009-W01-1', '2009-W01-1')).toEqual([
      dateFieldMessage('day'),
      expect.stringMatching(/^since must be a date \(YYYY-MM-DD\) or a date and time with a UTC offset/),
    ]);
    for (const bad of ['2009-123', '20090519', '2026-01-01T10:00:00', '2026-02-30', 42, ['2026-11-25'], null]) {
      expect(errors('2026-11-25', bad)).toHaveLength(1);
    }
  });
});
