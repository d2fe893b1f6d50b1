import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { parseManifestFile } from '../../../src/manifest-import';
import { gs1CheckDigit } from '../../../src/scan/gs1/check-digit';
import type { ManifestLine } from '../../../src/workflows/manifest/contract';
import { LIMIT, workbook } from './helpers';

const word = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9][A-Za-z0-9-]{0,${max - 1}}$`));
const gtin = fc.stringMatching(/^\d{13}$/).map((body) => `${body}${gs1CheckDigit(body, 0, 13)}`);
const day = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
// One line per row (multi-line fields are covered by the unit tests), no surrounding blanks (cells are trimmed).
const text = fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }).filter((s) => s.trim() === s && s.length <= 200 && !/[\r\n]/.test(s));

const line = fc.record({
  product: fc.oneof(word(20).map((code) => ({ code, gtin: null })), gtin.map((g) => ({ code: null, gtin: g }))),
  lot: fc.option(word(20), { nil: null }),
  expiry: fc.option(day, { nil: null }),
  quantity: fc.integer({ min: 1, max: 1_000_000 }),
  unitWeightG: fc.option(fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 10), { nil: null }),
  description: fc.option(text, { nil: null }),
});
const lines = fc.uniqueArray(line, { minLength: 1, maxLength: 30, selector: (l) => `${l.product.code ?? l.product.gtin}|${l.lot}|${l.expiry}` });
type Generated = typeof lines extends fc.Arbitrary<infer T> ? T : never;

const HEADER = ['reference', 'warehouse', 'direction', 'code', 'gtin', 'quantity', 'lot', 'expiry', 'unit_weight_g', 'description'];

function expected(generated: Generated): ManifestLine[] {
  return generated.map((l, i) => ({ line: i + 2, code: l.product.code, gtin: l.product.gtin, lot: l.lot, expiry: l.expiry, quantity: l.quantity, unitWeightG: l.unitWeightG, description: l.description }));
}

describe('valid lines written to a file parse back to the same lines', () => {
  test('CSV', async () => {
    await fc.assert(fc.asyncProperty(lines, fc.constantFrom(',', ';'), async (generated, delimiter) => {
      const rows = generated.map((l) => ['PO-1', 'WH-1', 'in', l.product.code, l.product.gtin, l.quantity, l.lot, l.expiry, l.unitWeightG, l.description]);
      const bytes = Buffer.from(stringify([HEADER, ...rows], { delimiter }));
      const result = await parseManifestFile({ name: 'm.csv', bytes }, LIMIT);
      expect(result).toEqual({ ok: true, format: 'csv', reference: 'PO-1', warehouse: 'WH-1', direction: 'in', lines: expected(generated) });
    }), { numRuns: 100 });
  });

  test('XLSX', async () => {
    await fc.assert(fc.asyncProperty(lines, async (generated) => {
      const rows = generated.map((l) => ['PO-1', 'WH-1', 'in', l.product.code, l.product.gtin, l.quantity, l.lot, l.expiry === null ? null : new Date(`${l.expiry}T00:00:00Z`), l.unitWeightG, l.description]);
      const result = await parseManifestFile({ name: 'm.xlsx', bytes: await workbook([HEADER, ...rows]) }, LIMIT);
      expect(result).toEqual({ ok: true, format: 'xlsx', reference: 'PO-1', warehouse: 'WH-1', direction: 'in', lines: expected(generated) });
    }), { numRuns: 30 });
  });
});
