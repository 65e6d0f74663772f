import { buffer, text } from 'node:stream/consumers';
import { csvStream } from './csv-export';
import type { Cell, ExportTable } from './export-table';

const table = (rows: Cell[][], fail = false): ExportTable => ({
  title: 'Hours',
  columns: [
    { header: 'Date', type: 'date', width: 10 },
    { header: 'Notes', type: 'text', width: 10 },
    { header: 'Billable', type: 'boolean', width: 5 },
    { header: 'Hours', type: 'number', width: 5 },
  ],
  rows: (async function* () {
    yield rows;
    if (fail) throw new Error('cursor failed');
  })(),
  totals: async () => ['Total', null, null, 9.75],
});

describe('CSV export', () => {
  it('writes RFC 4180 with CRLF, quotes what needs it, and neutralises formulas', async () => {
    const out = await text(
      csvStream(
        table([
          ['2026-03-02', '=1+1', true, 7.5],
          ['2026-03-03', 'a "quoted", text\nwith a line', false, 2.25],
          ['2026-03-04', '-2', false, 0.25],
        ]),
        { bom: false, decimal: 'point' },
      ),
    );
    expect(out).toBe(
      'Date,Notes,Billable,Hours\r\n' +
        "2026-03-02,'=1+1,true,7.5\r\n" +
        '2026-03-03,"a ""quoted"", text\nwith a line",false,2.25\r\n' +
        "2026-03-04,'-2,false,0.25\r\n" +
        'Total,,,9.75\r\n',
    );
  });

  it('writes decimal commas separated by semicolons, with a BOM on request', async () => {
    // (TextDecoder would drop the BOM: read the bytes.)
    const bytes = await buffer(csvStream(table([['2026-03-02', 'x;y', true, 7.5]]), { bom: true, decimal: 'comma' }));
    const out = bytes.toString('utf8');
    expect(out).toBe('\ufeffDate;Notes;Billable;Hours\r\n2026-03-02;"x;y";true;7,5\r\nTotal;;;9,75\r\n');
  });

  it('ends the download in error when the cursor fails (no totals row pretending it is complete)', async () => {
    await expect(
      text(csvStream(table([['2026-03-02', 'x', true, 1]], true), { bom: false, decimal: 'point' })),
    ).rejects.toThrow('cursor failed');
  });
});
