// node --test tools/import/import.spec.mjs: the CSV reading and the report, without a server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readConfig, readCsv, report } from './import.mjs';

test('reads the example file: header in any order and case, quoted fields, optional notes', () => {
  const rows = readCsv(
    'Project,EMAIL,date,hours,notes\nNW-WEB,a@x.test,2026-11-30,7.5,"in, out"\nINTERNAL,b@x.test,2026-11-30,1,\n',
  );
  assert.deepEqual(rows, [
    { email: 'a@x.test', date: '2026-11-30', projectCode: 'NW-WEB', hours: 7.5, notes: 'in, out' },
    { email: 'b@x.test', date: '2026-11-30', projectCode: 'INTERNAL', hours: 1 },
  ]);
});

test('refuses malformed CSV naming the line, and rows the API could not read', () => {
  for (const [text, message] of [
    ['email,date,project,hours\na@x.test,2026-11-30,"NW-WEB,7.5\n', /malformed CSV/],
    ['email,date,project,hours\na@x.test,2026-11-30,NW-WEB\n', /malformed CSV/],
    ['email,date,hours\na@x.test,2026-11-30,7\n', /missing: project/],
    ['email,date,project,hours,extra\n', /unknown: extra/],
    ['email,date,project,hours\n', /no rows/],
    ['', /empty/],
    ['email,date,project,hours\na@x.test,2026-11-30,NW-WEB,7,5\n', /malformed CSV/],
    ['email,date,project,hours\na@x.test,2026-11-30,NW-WEB,seven\n', /row 1 \(line 2\): hours/],
    [`email,date,project,hours\n${'a@x.test,2026-11-30,NW-WEB,1\n'.repeat(1001)}`, /1001 rows; at most 1000/],
  ])
    assert.throws(() => readCsv(text), message);
});

test('configuration: every problem at once; https unless on this machine', () => {
  assert.throws(
    () => readConfig({ IMPORT_ISSUER: 'http://idp.example.com', IMPORT_CLIENT_ID: 'x' }),
    (e) =>
      /IMPORT_ISSUER must be an https URL/.test(e.message) &&
      /IMPORT_CLIENT_ID/.test(e.message) &&
      /IMPORT_CLIENT_SECRET/.test(e.message),
  );
  const ok = readConfig({ IMPORT_CLIENT_ID: 'mc_AAAAAAAAAAAAAAAAAAAAAA', IMPORT_CLIENT_SECRET: 's' });
  assert.equal(ok.issuer.href, 'http://localhost:3334/');
});

test('reports each row: imported, or refused with its field', () => {
  const entries = [
    { email: 'a@x.test', date: '2026-11-30', projectCode: 'NW-WEB', hours: 1 },
    { email: 'b@x.test', date: '2026-11-30', projectCode: 'NOPE', hours: 1 },
  ];
  const refused = report(entries, 400, {
    message: ['Row 2: There is no project NOPE.'],
    errors: [{ field: 'entries[1].projectCode', message: 'There is no project NOPE.' }],
  });
  assert.deepEqual(refused, [
    'row 1: ok a@x.test 2026-11-30',
    'row 2: REFUSED project: There is no project NOPE.',
    'nothing imported (HTTP 400): fix the rows above and run it again',
  ]);
  const done = report(entries.slice(0, 1), 201, {
    importId: 'i1',
    status: 'draft',
    imported: 1,
    entries: [{ row: 0, id: 'e1', email: 'a@x.test', date: '2026-11-30', projectCode: 'NW-WEB', hours: 1 }],
  });
  assert.equal(done[0], 'row 1: imported a@x.test 2026-11-30 NW-WEB 1 h (draft, e1)');
});
