import {
  datePattern,
  decimalSeparator,
  formatDate,
  formatDateTime,
  formatHours,
  formatRelative,
  localToday,
  parseDate,
} from './format';
import { languageUrl, languagesRoot, pickFormatLocale, resetFormatLocale } from './locale';
import { TestBed } from '@angular/core/testing';
import { DateAdapter } from '@angular/material/core';
import { isoDate, provideLocaleDates } from './date-adapter';

/** Runs `fn` as a browser whose languages are `languages`, in a build of the language `ui`. */
function asBrowser(ui: string, languages: string[], fn: () => void): void {
  const before = $localize.locale;
  Object.defineProperty(navigator, 'languages', { value: languages, configurable: true });
  $localize.locale = ui;
  resetFormatLocale();
  try {
    fn();
  } finally {
    $localize.locale = before;
    Object.defineProperty(navigator, 'languages', { value: ['en-GB', 'en'], configurable: true });
    resetFormatLocale();
  }
}

function adapter(): DateAdapter<Date> {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({ providers: provideLocaleDates() });
  return TestBed.inject(DateAdapter<Date>);
}

describe('locale', () => {
  it("keeps the browser's region when its language is the page's", () => {
    expect(pickFormatLocale('en', ['en-US', 'de'])).toBe('en-US');
    expect(pickFormatLocale('de', ['en-US', 'de-AT'])).toBe('de-AT');
    expect(pickFormatLocale('de', ['en-US'])).toBe('de');
    expect(pickFormatLocale('en', ['not a tag', 'EN-gb'])).toBe('en-GB');
  });

  it('finds the same page in the other language', () => {
    expect(languageUrl('de', '/en/', { pathname: '/en/timesheets/week', search: '?week=2026-W49' })).toBe(
      '/de/timesheets/week?week=2026-W49',
    );
    expect(languageUrl('en', '/app/de/', { pathname: '/app/de/', search: '' })).toBe('/app/en/');
    expect(languagesRoot('/de/')).toBe('/');
  });
});

describe('formats by locale', () => {
  it('writes dates the same way in lists and date fields, in each locale', () => {
    asBrowser('en', ['en-US'], () => {
      expect(formatDate('2026-12-02')).toBe('12/02/2026');
      expect(datePattern()).toBe('MM/DD/YYYY');
      expect(parseDate('12/2/2026')).toBe('2026-12-02');
      expect(formatHours(7.5)).toBe('7.5');
    });
    asBrowser('en', ['en-GB'], () => {
      expect(formatDate('2026-12-02')).toBe('02/12/2026');
      expect(parseDate('2/12/26')).toBe('2026-12-02');
    });
    asBrowser('de', ['de-DE', 'en'], () => {
      expect(formatDate('2026-12-02')).toBe('02.12.2026');
      expect(datePattern()).toBe('DD.MM.YYYY');
      expect(parseDate('2.12.2026')).toBe('2026-12-02');
      expect(parseDate('31.02.2026')).toBeNull();
      expect(formatHours(7.5)).toBe('7,5');
      expect(decimalSeparator()).toBe(',');
    });
    expect(parseDate('2026-12-02')).toBe('2026-12-02');
    expect(parseDate('soon')).toBeNull();
  });

  it('writes instants in the time zone and relative to now where it helps', () => {
    const now = Date.parse('2026-12-02T18:07:49.161Z');
    asBrowser('en', ['en-GB'], () => {
      expect(formatRelative('2026-12-02T16:07:49.161Z', now)).toBe('2 hours ago');
      expect(formatRelative('2026-12-01T18:07:49.161Z', now)).toBe('yesterday');
      expect(formatRelative('2026-11-02T18:07:49.161Z', now)).toBe(formatDateTime('2026-11-02T18:07:49.161Z'));
      expect(formatDateTime('2026-12-02T18:07:49.161Z')).not.toContain('T18:07');
    });
    asBrowser('de', ['de'], () => {
      expect(formatRelative('2026-12-02T16:07:49.161Z', now)).toBe('vor 2 Stunden');
    });
  });

  it("starts the calendar's week on the locale's first day and reads ISO dates as local days", () => {
    asBrowser('en', ['en-US'], () => {
      const a = adapter();
      expect(a.getFirstDayOfWeek()).toBe(0);
      expect(isoDate(a.deserialize('2026-12-02'))).toBe('2026-12-02');
      expect(isoDate(a.parse('12/02/2026'))).toBe('2026-12-02');
    });
    asBrowser('de', ['de-DE'], () => {
      const a = adapter();
      expect(a.getFirstDayOfWeek()).toBe(1);
      expect(a.format(a.parse('2.12.2026') as Date, { input: 'locale-date' })).toBe('02.12.2026');
    });
  });
});

describe('localToday', () => {
  it('is today in the local time zone', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localToday(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });
});
