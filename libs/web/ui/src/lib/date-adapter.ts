import { Injectable, Provider } from '@angular/core';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  MAT_DATE_LOCALE,
  MatDateFormats,
  NativeDateAdapter,
} from '@angular/material/core';
import { formatDate, parseDate } from './format';
import { formatLocale } from './locale';

/** A local `Date` as a calendar date (`YYYY-MM-DD`), or '' for none. */
export function isoDate(date: Date | null | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Material's date adapter in the user's locale: date fields read and write dates as the tables do (`formatDate`,
 * `parseDate`), the calendar starts the week on the locale's first day, and ISO dates bound to a field
 * (`[ngModel]="'2026-12-02'"`) are that local day, not UTC midnight.
 */
@Injectable()
export class LocaleDateAdapter extends NativeDateAdapter {
  override parse(value: unknown): Date | null {
    if (typeof value !== 'string' || value.trim() === '') return null;
    const iso = parseDate(value);
    return iso ? this.fromIso(iso) : this.invalid();
  }

  override format(date: Date, displayFormat: object): string {
    if ((displayFormat as { input?: string }).input === INPUT_FORMAT.input) return formatDate(isoDate(date));
    return super.format(date, displayFormat);
  }

  override deserialize(value: unknown): Date | null {
    if (typeof value === 'string') {
      if (value === '') return null;
      if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return this.fromIso(value);
    }
    return super.deserialize(value);
  }

  private fromIso(iso: string): Date {
    const [y, m, d] = iso.split('-').map(Number);
    return this.createDate(y, m - 1, d);
  }
}

const INPUT_FORMAT = { input: 'locale-date' };

const FORMATS: MatDateFormats = {
  parse: { dateInput: INPUT_FORMAT },
  display: {
    dateInput: INPUT_FORMAT,
    monthYearLabel: { year: 'numeric', month: 'short' },
    dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
    monthYearA11yLabel: { year: 'numeric', month: 'long' },
  },
};

/** Providers for Material date fields in the user's locale (for the routes of pages with date fields). */
export function provideLocaleDates(): Provider[] {
  return [
    { provide: MAT_DATE_LOCALE, useFactory: formatLocale },
    { provide: DateAdapter, useClass: LocaleDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: FORMATS },
  ];
}
