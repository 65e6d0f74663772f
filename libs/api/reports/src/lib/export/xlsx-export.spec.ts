import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import type { Cell, ExportTable } from './export-table';
import { xlsxStream } from './xlsx-export';

const table = (batches: Cell[][][]): ExportTable => ({
  title: 'Hours',
  columns: [
    { header: 'Date', type: 'date', width: 12 },
    { header: 'Notes', type: 'text', width: 20 },
    { header: 'Billable', type: 'boolean', width: 5 },
    { header: 'Hours', type: 'number', width: 8 },
    { header: 'Entries', type: 'integer', width: 8 },
  ],
  rows: (async function* () {
    for (const b of batches) yield b;
  })(),
  totals: async () => ['Total', null, null, 9.75, 3],
});

async function read(t: ExportTable): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  const bytes = await buffer(xlsxStream(t));
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = book.getWorksheet('Hours');
  if (!sheet) throw new Error('no sheet "Hours"');
  return sheet;
}

describe('XLSX export', () => {
  it('writes typed cells with their number formats, a bold header and totals, neutralised text', async () => {
    const sheet = await read(
      table([
        [
          ['2026-03-02', '=1+1', true, 7.5, 1],
          ['2026-03-03', null, false, 2.25, 2],
        ],
      ]),
    );
    const header = sheet.getRow(1);
    expect(header.values).toEqual([undefined, 'Date', 'Notes', 'Billable', 'Hours', 'Entries']);
    for (let c = 1; c <= 5; c++) expect(header.getCell(c).font?.bold).toBe(true);

    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toEqual(new Date('2026-03-02T00:00:00Z'));
    expect(first.getCell(1).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(2).value).toBe("'=1+1");
    expect(first.getCell(3).value).toBe(true);
    expect(first.getCell(4).value).toBe(7.5);
    expect(first.getCell(4).numFmt).toBe('0.00');
    expect(first.getCell(5).numFmt).toBe('0');
    expect(first.getCell(4).font?.bold).toBeFalsy();
    expect(sheet.getRow(3).getCell(2).value).toBeNull();

    const totals = sheet.getRow(4);
    expect(totals.getCell(1).value).toBe('Total');
    expect(totals.getCell(4).value).toBe(9.75);
    expect(totals.getCell(4).numFmt).toBe('0.00');
    expect(totals.getCell(1).font?.bold).toBe(true);
    expect(totals.getCell(4).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(4);
  });

  it('writes every row of every batch, in order', async () => {
    const batches = [0, 1, 2].map((b) =>
      Array.from({ length: 700 }, (_, i): Cell[] => ['2026-03-02', `n${b * 700 + i}`, true, 1, 1]),
    );
    const sheet = await read(table(batches));
    expect(sheet.rowCount).toBe(1 + 2100 + 1);
    expect(sheet.getRow(2).getCell(2).value).toBe('n0');
    expect(sheet.getRow(2101).getCell(2).value).toBe('n2099');
    expect(sheet.getRow(2102).getCell(1).value).toBe('Total');
  });
});
