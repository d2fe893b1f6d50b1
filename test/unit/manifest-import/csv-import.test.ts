import { parseManifestFile } from '../../../src/manifest-import';
import { csv, LIMIT, messages } from './helpers';

const HEADER = 'reference,warehouse,gtin,code,quantity,lot,expiry,unit_weight_g,description';
const ok = (rest: string) => `${HEADER}\n${rest}`;

describe('a good CSV manifest', () => {
  test('reads every column, quoted fields, blank lines, and numbers lines as a person sees them', async () => {
    const result = await csv(ok('PO-1,WH-A,4006381333931,,3,L1,2026-05-31,12.5,"Soap, ""mild""\nlarge"\n\nPO-1,WH-A,,X-1,2,,,,\n'));
    expect(result).toEqual({
      ok: true, format: 'csv', reference: 'PO-1', warehouse: 'WH-A', direction: 'out',
      lines: [
        { line: 2, code: null, gtin: '04006381333931', lot: 'L1', expiry: '2026-05-31', quantity: 3, unitWeightG: 12.5, description: 'Soap, "mild"\nlarge' },
        { line: 5, code: 'X-1', gtin: null, lot: null, expiry: null, quantity: 2, unitWeightG: null, description: null },
      ],
    });
  });

  test('a BOM, semicolons, CRLF, a decimal comma, header spellings, manifest for reference, GS1 dates', async () => {
    const text = '\ufeffManifest;Ware House;Direction;GTIN;Quantity;Unit Weight G;EXPIRY\r\nR-9;W;IN;96385074;1;1,5;260200\r\nR-9;W;in;036000291452;4;0;261231\r\n';
    const result = await csv(text);
    expect(result).toMatchObject({ ok: true, reference: 'R-9', warehouse: 'W', direction: 'in' });
    expect(result.ok && result.lines.map((l) => [l.line, l.gtin, l.unitWeightG, l.expiry])).toEqual([
      [2, '00000096385074', 1.5, '2026-02-28'], // DD 00: the month's last day
      [3, '00036000291452', 0, '2026-12-31'],
    ]);
  });
});

describe('a bad CSV manifest', () => {
  test('an unclosed quote names the line where the field opens', async () => {
    expect(messages(await csv(ok('PO-1,WH-A,,X-1,1,,,,"two\nlines"\nPO-1,WH-A,,X-2,1,,,,"never closed\nPO-1,WH-A,,X-3,1,,,,\n')))).toEqual([
      'orders.csv line 4: a quoted field opens on this line and is never closed (a missing ")',
    ]);
  });

  test('a stray quote, and a line with too few or too many fields', async () => {
    expect(messages(await csv(ok('PO-1,WH-A,,X-1,1,,,,5" wide\n')))).toEqual([
      'orders.csv line 2: a " in the middle of an unquoted field (quote the whole field and double the ")',
    ]);
    expect(messages(await csv(ok('PO-1,WH-A,,X-1,1,,,\nPO-1,WH-A,,X-2,1,,,,,\n')))).toEqual([
      'orders.csv line 2: 8 fields, but the header has 9',
      'orders.csv line 3: 10 fields, but the header has 9',
    ]);
  });

  test('missing required columns, and neither code nor gtin', async () => {
    expect(messages(await csv('reference,code\nPO-1,X-1\n'))).toEqual([
      'orders.csv line 1, field quantity: this required column is missing',
      'orders.csv line 1, field warehouse: this required column is missing',
    ]);
    expect(messages(await csv('reference,warehouse,quantity\nPO-1,W,1\n'))).toEqual([
      'orders.csv line 1, field code: a column code or gtin is required (or both)',
    ]);
  });

  test('unknown columns are listed and refuse the file; a column twice too', async () => {
    expect(messages(await csv('reference,warehouse,code,qty,quantity,colour,Code\nPO-1,W,X,1,1,red,X\n'))).toEqual([
      'orders.csv line 1, field qty: unknown column; the known columns are code, gtin, quantity, lot, expiry, unit_weight_g, description, reference, warehouse, direction (manifest is another name for reference)',
      'orders.csv line 1, field colour: unknown column; the known columns are code, gtin, quantity, lot, expiry, unit_weight_g, description, reference, warehouse, direction (manifest is another name for reference)',
      'orders.csv line 1, field Code: the column code appears twice (columns 3 and 7)',
    ]);
  });

  test('quantities: negative, zero, not whole, not a number, empty', async () => {
    expect(messages(await csv(ok('PO-1,W,,A,-3,,,,\nPO-1,W,,B,0,,,,\nPO-1,W,,C,2.5,,,,\nPO-1,W,,D,abc,,,,\nPO-1,W,,E,,,,,\n')))).toEqual([
      'orders.csv line 2, field quantity: -3 is not a positive whole number',
      'orders.csv line 3, field quantity: 0 is not a positive whole number',
      'orders.csv line 4, field quantity: 2.5 is not a positive whole number',
      'orders.csv line 5, field quantity: abc is not a positive whole number',
      'orders.csv line 6, field quantity: a quantity is required',
    ]);
  });

  test('GTINs with a wrong check digit (8, 12, 13, 14 digits), or the wrong length', async () => {
    expect(messages(await csv(ok('PO-1,W,96385075,,1,,,,\nPO-1,W,036000291453,,1,,,,\nPO-1,W,4006381333932,,1,,,,\nPO-1,W,10614141000416,,1,,,,\nPO-1,W,12345,,1,,,,\n')))).toEqual([
      'orders.csv line 2, field gtin: 96385075 has a wrong check digit: 5, expected 4',
      'orders.csv line 3, field gtin: 036000291453 has a wrong check digit: 3, expected 2',
      'orders.csv line 4, field gtin: 4006381333932 has a wrong check digit: 2, expected 1',
      'orders.csv line 5, field gtin: 10614141000416 has a wrong check digit: 6, expected 5',
      'orders.csv line 6, field gtin: "12345" is not a GTIN: 8, 12, 13 or 14 digits',
    ]);
  });

  test('the other fields: dates, weights, lengths, a direction, code and gtin both or neither', async () => {
    const long = 'x'.repeat(21);
    expect(messages(await csv('reference,warehouse,direction,gtin,code,quantity,lot,expiry,unit_weight_g\n' +
      'PO-1,W,out,,A,1,,2026-02-30,\nPO-1,W,out,,B,1,,31/12/2026,\nPO-1,W,out,,C,1,,,-4\nPO-1,W,out,,D,1,' + long + ',,\n' +
      'PO-1,W,sideways,,E,1,,,\nPO-1,W,out,4006381333931,F,1,,,\nPO-1,W,out,,,1,,,\n'))).toEqual([
      'orders.csv line 2, field expiry: "2026-02-30" is not a day of the calendar',
      'orders.csv line 3, field expiry: "31/12/2026" is not a date: YYYY-MM-DD, or YYMMDD as in GS1 (day 00: the end of the month)',
      'orders.csv line 4, field unit_weight_g: -4 is not a weight in grams (a number, 0 or more)',
      `orders.csv line 5, field lot: "${'x'.repeat(30).slice(0, 21)}…" is 21 characters long, at most 20 are allowed`,
      'orders.csv line 6, field direction: "sideways" is not a direction: out or in',
      'orders.csv line 7, field gtin: a line names a code or a GTIN, not both (code "F")',
      'orders.csv line 8, field gtin: a line needs a code or a GTIN',
    ]);
  });

  test('the manifest-level columns must agree on every line', async () => {
    expect(messages(await csv('reference,warehouse,code,quantity\nPO-1,W,A,1\nPO-2,W,B,1\nPO-1,V,C,1\nPO-1,,D,1\n'))).toEqual([
      'orders.csv line 3, field reference: "PO-2" differs from "PO-1" on line 2: a file holds one manifest',
      'orders.csv line 4, field warehouse: "V" differs from "W" on line 2: a file holds one manifest',
      'orders.csv line 5, field warehouse: a warehouse is required on every line',
    ]);
  });

  test('duplicate lines name both lines', async () => {
    expect(messages(await csv(ok('PO-1,W,4006381333931,,1,L1,2026-05-31,,\nPO-1,W,,A,1,,,,\nPO-1,W,04006381333931,,2,L1,260531,,\nPO-1,W,,A,5,,,,\n')))).toEqual([
      'orders.csv line 4, field gtin: lines 2 and 4 name the same product, lot and expiry (04006381333931, lot L1, expiry 2026-05-31); put them on one line',
      'orders.csv line 5, field code: lines 3 and 5 name the same product, lot and expiry (A); put them on one line',
    ]);
  });

  test('an empty file, blank lines only, a header without lines', async () => {
    expect(messages(await csv(''))).toEqual(['orders.csv: the file is empty']);
    expect(messages(await csv('\n\r\n  \n'))).toEqual(['orders.csv: the file is empty']);
    expect(messages(await csv(`${HEADER}\n\n`))).toEqual(['orders.csv: the file has a header but no lines']);
  });

  test('a file over the size limit is refused before it is read', async () => {
    const bytes = Buffer.from('"never closed'.repeat(100));
    const result = await parseManifestFile({ name: 'big.csv', bytes }, { maxBytes: 1000 });
    expect(messages(result)).toEqual(['big.csv: the file is 1300 bytes, over the limit of 1000 bytes']);
    const huge = await parseManifestFile({ name: 'big.csv', bytes: Buffer.alloc(3 * 1024 * 1024, 0x41) }, { maxBytes: 2 * 1024 * 1024 });
    expect(messages(huge)).toEqual(['big.csv: the file is 3.0 MB, over the limit of 2.0 MB']);
  });

  test('at most 50 errors are listed, then how many more', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `PO-1,W,,C${i},0,,,,`).join('\n');
    const all = messages(await csv(ok(lines)));
    expect(all).toHaveLength(51);
    expect(all[49]).toBe('orders.csv line 51, field quantity: 0 is not a positive whole number');
    expect(all[50]).toBe('orders.csv: and 10 more errors');
  });

  test('text that is not UTF-8, a name that is not .csv or .xlsx, a zip named .csv', async () => {
    expect(messages(await parseManifestFile({ name: 'latin1.csv', bytes: Buffer.from('code;quantit\xe9\n', 'latin1') }, LIMIT))).toEqual([
      'latin1.csv: the file is not UTF-8 text (save it as "CSV UTF-8")',
    ]);
    expect(messages(await csv('code,quantity\n', 'orders.txt'))).toEqual(['orders.txt: ".txt" files are not manifests: a manifest is a .csv or .xlsx file']);
    expect(messages(await parseManifestFile({ name: 'orders.csv', bytes: Buffer.from('PK\x03\x04rest', 'latin1') }, LIMIT))).toEqual([
      'orders.csv: the name says .csv, but the content is a zip (an .xlsx workbook?): save it as CSV, or name it .xlsx',
    ]);
  });
});
