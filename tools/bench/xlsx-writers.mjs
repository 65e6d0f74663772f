#!/usr/bin/env node
// Issue 16's XLSX throughput, writer against writer: the same detail rows (the 11 columns of the API's detail export)
// written by each arm into a sink that keeps nothing, each arm in a fresh process, one core. Prints the CPU per row
// (the stable figure on a shared machine), rows per CPU-second, the file's size and the peak RSS.
// Usage: node tools/bench/xlsx-writers.mjs [ROWS] (200,000 by default); run it under `flock /tmp/bench.lock`.
// Arms:
// - exceljs-cell-styles: exceljs 4.4's streaming WorkbookWriter as the API used it before: column styles, which exceljs
//   merges into a fresh style object per cell (each then rendered to XML to find its style id);
// - exceljs-shared-styles: the same workbook with one frozen style object per column, as
//   libs/api/reports/src/lib/export/xlsx-export.ts writes it now (exceljs finds the id by object identity);
// - exceljs-no-styles: exceljs without a styles part, the lower bound of exceljs (dates and decimals lose their
//   formats: not something to ship);
// - sheetjs: SheetJS (@e965/xlsx 0.20.3, the kept writer the e2e reads with), which has no streaming XLSX writer: it
//   builds the workbook in memory;
// - deflate-floor: zlib level 1 alone over the same sheet XML, built with template strings: what any XLSX writer at
//   this compression pays, whatever its library (a measurement, not a writer).
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createDeflateRaw } from 'node:zlib';

const ARMS = ['exceljs-cell-styles', 'exceljs-shared-styles', 'exceljs-no-styles', 'sheetjs', 'deflate-floor'];
const TYPES = ['date', 'text', 'text', 'text', 'text', 'text', 'text', 'boolean', 'text', 'number', 'text'];
const HEADERS = ['Date', 'Week', 'Person', 'Email', 'Customer', 'Project code', 'Project', 'Billable', 'Status'];
const FORMAT = { number: '0.00', date: 'yyyy-mm-dd' };

/** The i-th detail row, shaped like the bench database's (tools/bench/db.mjs). */
function rowAt(i) {
  const date = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const who = `user-${String(i % 1000).padStart(4, '0')}`;
  return [
    new Date(`${date}T00:00:00Z`),
    '2024-W10',
    `Bench ${who}`,
    `${who}@bench.test`,
    null,
    'WEB',
    'Website redesign',
    true,
    i % 10 ? 'approved' : 'rejected',
    1 + (i % 16) / 2,
    i % 3 ? 'Worked on tickets and reviews' : null,
  ];
}

async function exceljsArm(mode, rows, sink) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: mode !== 'no-styles',
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
  const sheet = workbook.addWorksheet('Hours', { views: [{ state: 'frozen', ySplit: 1 }] });
  const shared = TYPES.map((t) => Object.freeze(FORMAT[t] ? { numFmt: FORMAT[t] } : {}));
  const rowStyle = Object.freeze({});
  sheet.columns = TYPES.map((t, i) => ({
    key: String(i),
    width: 12,
    style: mode === 'shared-styles' ? shared[i] : FORMAT[t] ? { numFmt: FORMAT[t] } : {},
  }));
  const header = sheet.addRow([...HEADERS, 'Hours', 'Notes']);
  header.font = { bold: true };
  header.commit();
  for (let b = 0; b < rows; b += 1000) {
    for (let i = b; i < Math.min(rows, b + 1000); i++) {
      const row = sheet.addRow(rowAt(i));
      if (mode === 'shared-styles') {
        row.style = rowStyle;
        for (let c = 0; c < shared.length; c++) row.getCell(c + 1).style = shared[c];
      }
      row.commit();
    }
    await new Promise((r) => setImmediate(r));
  }
  sheet.commit();
  await workbook.commit();
}

async function sheetjsArm(rows, sink) {
  const XLSX = await import('@e965/xlsx');
  const aoa = [[...HEADERS, 'Hours', 'Notes']];
  for (let i = 0; i < rows; i++) aoa.push(rowAt(i));
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, dateNF: 'yyyy-mm-dd' });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Hours');
  sink.end(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }));
}

async function deflateFloor(rows, sink) {
  const deflate = createDeflateRaw({ level: 1 });
  deflate.pipe(sink);
  const esc = (s) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const cell = (v, t, ref) =>
    v === null
      ? ''
      : t === 'date'
        ? `<c r="${ref}" s="1"><v>${v.getTime() / 86_400_000 + 25569}</v></c>`
        : typeof v === 'number'
          ? `<c r="${ref}" s="2"><v>${v}</v></c>`
          : typeof v === 'boolean'
            ? `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`
            : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  const cols = 'ABCDEFGHIJK';
  for (let b = 0; b < rows; b += 1000) {
    let xml = '';
    for (let i = b; i < Math.min(rows, b + 1000); i++) {
      const r = rowAt(i);
      xml += `<row r="${i + 2}">${r.map((v, c) => cell(v, TYPES[c], `${cols[c]}${i + 2}`)).join('')}</row>`;
    }
    if (!deflate.write(xml)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
}

async function runArm(arm, rows) {
  let bytes = 0;
  const sink = new Writable({
    write(chunk, _e, cb) {
      bytes += chunk.length;
      cb();
    },
  });
  const finished = new Promise((r) => sink.on('finish', r));
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpu0 = process.cpuUsage();
  if (arm.startsWith('exceljs-')) await exceljsArm(arm.slice('exceljs-'.length), rows, sink);
  else if (arm === 'sheetjs') await sheetjsArm(rows, sink);
  else await deflateFloor(rows, sink);
  await finished;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  const seconds = (cpu.user + cpu.system) / 1e6;
  return {
    arm,
    rows,
    cpuUsPerRow: (seconds * 1e6) / rows,
    rowsPerCpuSecond: rows / seconds,
    bytes,
    peakRssMb: peak / 1e6,
  };
}

if (process.argv[2] === '--arm') {
  const r = await runArm(process.argv[3], Number(process.argv[4]));
  process.stdout.write(JSON.stringify(r));
} else {
  const rows = Number(process.argv[2] ?? 200_000);
  const self = fileURLToPath(import.meta.url);
  console.log(`XLSX writers, ${rows} detail rows (11 columns) each, one process per arm, sink keeps nothing:`);
  for (const arm of ARMS) {
    const p = spawnSync(process.execPath, [self, '--arm', arm, String(rows)], { encoding: 'utf8' });
    if (p.status !== 0) throw new Error(`${arm} failed: ${p.stderr}`);
    const r = JSON.parse(p.stdout);
    console.log(
      `  ${arm.padEnd(22)} ${r.cpuUsPerRow.toFixed(1).padStart(6)} us CPU/row  ` +
        `${r.rowsPerCpuSecond.toFixed(0).padStart(7)} rows per CPU-second  ${(r.bytes / 1e6).toFixed(1).padStart(6)} MB  ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB`,
    );
  }
  const { loadavg } = await import('node:os');
  console.log(`  (load average ${loadavg()[0].toFixed(1)})`);
}
