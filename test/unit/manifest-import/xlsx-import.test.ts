import { parseManifestFile } from '../../../src/manifest-import';
import { LIMIT, messages, workbook, xlsx } from './helpers';

const HEADER = ['Reference', 'Warehouse', 'GTIN', 'Code', 'Quantity', 'Lot', 'Expiry', 'Unit_Weight_G', 'Description'];

describe('a good XLSX manifest', () => {
  test('numbers, strings, date cells, rich text, hyperlinks, formula results; rows numbered as Excel does', async () => {
    const result = await xlsx([
      HEADER,
      ['PO-7', 'WH-B', 4006381333931, null, 12, 'L-1', new Date(Date.UTC(2026, 6, 31)), 250.5, { richText: [{ text: 'Soap ' }, { text: 'bar', font: { bold: true } }] }],
      [],
      ['PO-7', { text: 'WH-B', hyperlink: 'https://example.com/wh' }, null, 12345, { formula: 'E2*2', result: 24 }, 778, '271000', null, null],
    ]);
    expect(result).toEqual({
      ok: true, format: 'xlsx', reference: 'PO-7', warehouse: 'WH-B', direction: 'out',
      lines: [
        { line: 2, code: null, gtin: '04006381333931', lot: 'L-1', expiry: '2026-07-31', quantity: 12, unitWeightG: 250.5, description: 'Soap bar' },
        { line: 4, code: '12345', gtin: null, lot: '778', expiry: '2027-10-31', quantity: 24, unitWeightG: null, description: null },
      ],
    });
  });
});

describe('a bad XLSX manifest', () => {
  test('a formula with no saved result, or an error result, is refused', async () => {
    expect(messages(await xlsx([HEADER, ['PO-7', 'W', null, 'A', { formula: 'B9*2' }, null, null, null, null], ['PO-7', 'W', null, 'B', { formula: '1/0', result: { error: '#DIV/0!' } }, null, null, null, null]]))).toEqual([
      'orders.xlsx line 2, field Quantity: the formula =B9*2 has no saved result (type the value, or open and save the file in Excel)',
      'orders.xlsx line 3, field Quantity: the formula =1/0 gives the error #DIV/0!',
    ]);
  });

  test('wrong cell types: a date as a quantity, a boolean as a code, a fraction as a GTIN, an error cell', async () => {
    expect(messages(await xlsx([HEADER,
      ['PO-7', 'W', null, 'A', new Date(Date.UTC(2026, 0, 1)), null, null, null, null],
      ['PO-7', 'W', null, true, 1, null, null, null, null],
      ['PO-7', 'W', 4006381.5, null, 1, null, null, null, null],
      ['PO-7', 'W', null, 'D', 1, null, null, { error: '#N/A' }, null],
      ['PO-7', 'W', null, 'E', -2, null, null, null, null],
    ]))).toEqual([
      'orders.xlsx line 2, field Quantity: expected a positive whole number, the cell holds a date',
      'orders.xlsx line 3, field Code: expected text, the cell holds a true/false value',
      'orders.xlsx line 4, field GTIN: "4006381.5" is not a GTIN: 8, 12, 13 or 14 digits',
      'orders.xlsx line 5, field Unit_Weight_G: the cell shows the error #N/A',
      'orders.xlsx line 6, field Quantity: -2 is not a positive whole number',
    ]);
  });

  test('a value in a column with no header', async () => {
    expect(messages(await xlsx([['Reference', 'Warehouse', 'Code', 'Quantity'], ['PO-7', 'W', 'A', 1, 'stray']]))).toEqual([
      'orders.xlsx line 2: column 5 has a value but no name in the header',
    ]);
  });

  test('unknown and missing columns, an empty sheet, a sheet with a header only', async () => {
    expect(messages(await xlsx([['Reference', 'Warehouse', 'SKU', 'Qty']]))).toEqual([
      'orders.xlsx line 1, field SKU: unknown column; the known columns are code, gtin, quantity, lot, expiry, unit_weight_g, description, reference, warehouse, direction (manifest is another name for reference)',
      'orders.xlsx line 1, field Qty: unknown column; the known columns are code, gtin, quantity, lot, expiry, unit_weight_g, description, reference, warehouse, direction (manifest is another name for reference)',
      'orders.xlsx line 1, field quantity: this required column is missing',
      'orders.xlsx line 1, field code: a column code or gtin is required (or both)',
    ]);
    expect(messages(await xlsx([]))).toEqual(['orders.xlsx: the file is empty (the first worksheet has no rows)']);
    expect(messages(await xlsx([HEADER]))).toEqual(['orders.xlsx: the file has a header but no lines']);
  });

  test('a damaged workbook, a CSV named .xlsx, an old .xls', async () => {
    const good = await workbook([HEADER]);
    const damaged = await parseManifestFile({ name: 'orders.xlsx', bytes: good.subarray(0, good.length >> 1) }, LIMIT);
    expect(messages(damaged)[0]).toMatch(/^orders\.xlsx: the workbook cannot be read \(damaged, or not an \.xlsx file\): /);
    expect(messages(await parseManifestFile({ name: 'orders.xlsx', bytes: Buffer.from('code,quantity\nA,1\n') }, LIMIT))).toEqual([
      'orders.xlsx: the name says .xlsx, but the content is not an .xlsx workbook (which is a zip): a CSV file must be named .csv',
    ]);
    expect(messages(await parseManifestFile({ name: 'orders.xlsx', bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) }, LIMIT))).toEqual([
      'orders.xlsx: the content is an old .xls workbook, not .xlsx: save it as an Excel workbook (.xlsx)',
    ]);
  });
});
