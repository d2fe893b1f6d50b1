import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { station } from './run-cli';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifests-cli-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const rows = (sql: string) => {
  const db = new Database(path.join(dir, 'data', 'station.db'), { readonly: true });
  try { return db.prepare(sql).all() as Array<Record<string, unknown>>; } finally { db.close(); }
};

async function xlsx(file: string, lines: unknown[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Manifest');
  sheet.addRow(['Reference', 'Warehouse', 'GTIN', 'Quantity', 'Lot']);
  for (const l of lines) sheet.addRow(l);
  const out = path.join(dir, file);
  await book.xlsx.writeFile(out);
  return out;
}

test('station manifests import FILE: an XLSX recorded in the station store, audited from the CLI; a second import is refused', async () => {
  const file = await xlsx('po-7.xlsx', [['PO-7', 'WH-1', '09506000134352', 4, 'L-1'], ['PO-7', 'WH-1', '09506000134369', 2, null]]);
  const args = ['manifests', 'import', file, '--data-dir', path.join(dir, 'data')];
  const first = station(args);
  expect(first).toMatchObject({ code: 0, stderr: '', stdout: 'Manifest PO-7 imported from po-7.xlsx: 2 lines, 6 items\n' });
  expect(rows('SELECT manifest, warehouse, status, expected, lines, source_format FROM manifests')).toEqual([
    { manifest: 'PO-7', warehouse: 'WH-1', status: 'open', expected: 6, lines: 2, source_format: 'xlsx' },
  ]);
  expect(rows('SELECT type, device_id, user_id FROM events')).toEqual([{ type: 'manifest.imported', device_id: 'cli', user_id: null }]);
  const again = station(args);
  expect(again).toMatchObject({ code: 1, stderr: 'station: Manifest PO-7 is here already (open, 2 lines): it is not imported twice\n' });
});

test('a bad XLSX names the file, the row and the column, and records nothing', async () => {
  const file = await xlsx('bad.xlsx', [['PO-8', 'WH-1', '09506000134353', 4, null], ['PO-8', 'WH-1', '09506000134369', 0, null]]);
  const r = station(['manifests', 'import', file, '--data-dir', path.join(dir, 'data')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^station: bad\.xlsx line 2, field GTIN: .*check digit.*; bad\.xlsx line 3, field Quantity: /);
  expect(fs.existsSync(path.join(dir, 'data', 'station.db'))).toBe(false);
});

test('a file over the size limit is refused before it is read; a missing file is a usage error', () => {
  const big = path.join(dir, 'big.csv');
  fs.writeFileSync(big, `reference,warehouse,code,quantity\n${'PO-9,WH-1,A,1\n'.repeat(200)}`);
  const r = station(['manifests', 'import', big, '--max-bytes', '100', '--data-dir', path.join(dir, 'data')]);
  expect(r).toMatchObject({ code: 1, stderr: expect.stringMatching(/^station: big\.csv.*100/) });
  expect(station(['manifests', 'import', path.join(dir, 'nope.csv'), '--data-dir', dir])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read .*nope\.csv/) });
});
