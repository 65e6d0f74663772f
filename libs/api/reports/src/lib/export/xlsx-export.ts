import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '@timesheets/contracts';
import type { Cell, ColumnType, ExportTable } from './export-table';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const NUMBER_FORMAT: Partial<Record<ColumnType, string>> = {
  number: '0.00',
  integer: '0',
  date: 'yyyy-mm-dd',
};

/** Most bytes of sheet XML waiting for the zip's deflate before the writer waits. */
const BACKLOG_MAX = 4 * 1024 * 1024;

/**
 * The bytes of sheet XML written but not compressed yet. exceljs's sheet stream (a StreamBuf) holds them until the zip
 * reads it; then archiver wraps it in a PassThrough (readable-stream 2, without `writableLength`) that holds them until
 * the deflate takes them. Neither pushes back on the writer, so it asks (internals of exceljs 4.4 and archiver 5).
 */
function backlog(stream: unknown): number {
  type State = { length?: number };
  type Pipe = { _writableState?: State; _readableState?: State };
  const s = stream as { buffers?: { length: number }[]; pipes?: Pipe[] };
  let n = 0;
  for (const b of s.buffers ?? []) n += b.length;
  for (const p of s.pipes ?? []) n += (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0);
  return n;
}

/** A cell as the workbook stores it: numbers and booleans typed, dates as dates (UTC days), text neutralised. */
function xlsxCell(value: Cell, type: ColumnType): ExcelJS.CellValue {
  if (value === null) return null;
  if (type === 'date' && typeof value === 'string' && DATE.test(value)) return new Date(`${value}T00:00:00Z`);
  if (typeof value === 'string') return neutraliseFormula(value);
  return value;
}

/**
 * The style of every cell of a column, one frozen object per column (and one bold one for the header and totals).
 * exceljs looks a style up by the identity of its object (a WeakMap) and otherwise renders and compares its XML:
 * with a fresh object per cell (what column styles and `row.font` make) that rendering cost more than the rest of the
 * cell's writing. Shared objects give the same workbook at about half the CPU per row (tools/bench/xlsx-writers.mjs).
 */
function columnStyles(types: readonly ColumnType[], bold: boolean): Partial<ExcelJS.Style>[] {
  return types.map((t) => {
    const numFmt = NUMBER_FORMAT[t];
    return Object.freeze({ ...(numFmt ? { numFmt } : {}), ...(bold ? { font: { bold: true } } : {}) });
  });
}

/** Every row's own style (none), one object for all rows: exceljs's fresh `{}` per row is looked up by its XML too. */
const ROW_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/**
 * The table as an XLSX workbook, written by exceljs's streaming WorkbookWriter: one sheet, a bold header row (frozen),
 * typed cells, and a bold totals row. Rows are committed as they come and the writer waits whenever the reader is
 * behind, so the memory stays flat however many rows there are.
 */
export function xlsxStream(table: ExportTable): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  const sheet = workbook.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  const types = table.columns.map((c) => c.type);
  const plain = columnStyles(types, false);
  const bold = columnStyles(types, true);
  sheet.columns = table.columns.map((c, i) => ({ key: String(i), width: c.width, style: plain[i] }));
  const write = (row: Cell[], styles: readonly Partial<ExcelJS.Style>[], typed = true) => {
    const r = sheet.addRow(typed ? row.map((v, i) => xlsxCell(v, types[i])) : row);
    (r as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE; // exceljs 4.4's Row has it, untyped
    for (let i = 0; i < styles.length; i++) r.getCell(i + 1).style = styles[i];
    r.commit();
  };
  let closed = false;
  out.on('close', () => (closed = true));
  (async () => {
    write(
      table.columns.map((c) => c.header),
      bold.map((s) => Object.freeze({ font: s.font })),
      false,
    );
    for await (const batch of table.rows) {
      if (closed) return;
      for (const row of batch) write(row, plain);
      // Wait for the reader (the zip's output) and for zlib to take what was written before the next batch.
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      while (!closed && backlog((sheet as unknown as { stream: unknown }).stream) > BACKLOG_MAX)
        await new Promise((resolve) => setTimeout(resolve, 2));
    }
    write(await table.totals(), bold);
    sheet.commit();
    await workbook.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
