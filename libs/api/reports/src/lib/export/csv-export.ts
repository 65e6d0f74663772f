import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { DecimalSeparator } from '@timesheets/contracts';
import type { Cell, ExportTable } from './export-table';

export interface CsvOptions {
  bom: boolean;
  decimal: DecimalSeparator;
}

/**
 * The table as CSV (RFC 4180: CRLF line ends, fields quoted when they hold the separator, a quote or a line break,
 * quotes doubled), UTF-8, a header row first, optionally a byte order mark, written by csv-stringify. With the comma
 * as decimal separator the fields are separated by semicolons, as spreadsheets in those locales expect. Text that a
 * spreadsheet would run as a formula gets a `'` in front (csv-stringify's `escape_formulas`, the same rule as the
 * contracts' `neutraliseFormula`). Records are pulled from the cursor only as fast as the reader takes them.
 */
export function csvStream(table: ExportTable, options: CsvOptions): Readable {
  const comma = options.decimal === 'comma';
  const out = stringify({
    bom: options.bom,
    delimiter: comma ? ';' : ',',
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: {
      number: (n) => (comma ? String(n).replace('.', ',') : String(n)),
      boolean: (b) => (b ? 'true' : 'false'),
    },
  });
  async function* records(): AsyncGenerator<Cell[]> {
    yield table.columns.map((c) => c.header);
    for await (const batch of table.rows) for (const row of batch) yield row;
    yield await table.totals();
  }
  // An error (or the reader going away) destroys both ends: the cursor is closed and the download ends incomplete.
  pipeline(Readable.from(records()), out, () => undefined);
  return out;
}
