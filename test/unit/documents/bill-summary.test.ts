import fs from 'node:fs';
import path from 'node:path';
import { renderBillSummaryPdf } from '../../../src/documents';
import { kg } from '../../../src/documents/format';
import { pdfText, pdfToPng } from '../../helpers/pdf-to-png';
import { billPrint } from './fixtures';

const out = path.join(__dirname, '..', '..', '..', 'test-results', 'documents');
const HEADER = /Container\s+Type\s+Children\s+Weight \(kg\)/;

/** pdftotext ends each page with a form feed. */
function pages(text: string): string[] {
  return text.split('\f').filter((page) => page.trim() !== '');
}

describe('the bill summary PDF', () => {
  const print = billPrint(40, { copy: 3, reprintReason: 'the first copy was torn' });
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderBillSummaryPdf(print);
    text = await pdfText(pdf);
  });

  it('is a PDF titled with the bill number, with its status and station', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(text).toContain('Bill S01-B000042');
    expect(text).toMatch(/Status\s+Dispatched/);
    expect(text).toMatch(/Station\s+S01/);
  });

  it('names who opened, finalised and dispatched it', () => {
    expect(text).toMatch(/Opened by\s+Ann Archer \(u-ann\)/);
    expect(text).toMatch(/Finalised by\s+Bob Baker \(u-bob\)/);
    expect(text).toMatch(/Dispatched by\s+Cem Çelik \(u-cem\)/);
  });

  it('lists every container with its type, children and weight in kg, estimates marked', () => {
    for (const line of print.lines) {
      const grams = line.grams ?? line.estimatedGrams!;
      const row = new RegExp(`${line.container}\\s+${line.type}\\s+${line.children}\\s+${kg(grams).replace('.', '\\.')}(\\s+estimated)?\\s*$`, 'm');
      const match = row.exec(text);
      expect(match).not.toBeNull();
      expect(match![1] !== undefined).toBe(line.grams === null);
    }
  });

  it('gives the totals and the count', () => {
    const { weight } = print;
    expect(text).toMatch(new RegExp(`Containers\\s+${print.lines.length}\\s*$`, 'm'));
    expect(text).toMatch(new RegExp(`Measured\\s+${kg(weight.measuredGrams)} kg`));
    expect(text).toMatch(new RegExp(`Estimated \\(${weight.estimatedCount} not weighed\\)\\s+${kg(weight.estimatedGrams)} kg`));
    expect(text).toMatch(new RegExp(`Total\\s+${kg(weight.totalGrams)} kg`));
  });

  it('says which copy a reprint is, and why', () => {
    expect(text).toContain('Copy 3 — reprint: the first copy was torn');
  });

  it('carries the bill number as a barcode image', () => {
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });

  it('is the same bytes for the same bill and print time', async () => {
    expect((await renderBillSummaryPdf(print)).equals(pdf)).toBe(true);
    // The info dictionary's dates are indirect objects: the print time is the only date in the file.
    expect(pdf.toString('latin1').match(/\(D:\d{14}Z\)/g)).toEqual(['(D:20250601140327Z)', '(D:20250601140327Z)']);
  });

  it('renders to a PNG per page', async () => {
    const pngs = await pdfToPng(pdf, path.join(out, 'bill-summary'));
    expect(pngs.length).toBe(pages(text).length);
    for (const png of pngs) expect(fs.readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('a first print', () => {
  it('has no copy line', async () => {
    const text = await pdfText(await renderBillSummaryPdf(billPrint(3)));
    expect(text).not.toContain('reprint');
    expect(text).toMatch(/copy 1\s+page 1 \/ 1/);
  });

  it('of an open bill shows who has not acted yet as a dash, and a user without a name by id', async () => {
    const text = await pdfText(await renderBillSummaryPdf(billPrint(2, { status: 'open', openedBy: 'u-zed', finalisedBy: null, dispatchedBy: null })));
    expect(text).toMatch(/Status\s+Open \(not finalised\)/);
    expect(text).toMatch(/Opened by\s+u-zed\s*$/m);
    expect(text).toMatch(/Finalised by\s+—/);
    expect(text).toMatch(/Dispatched by\s+—/);
  });
});

describe('a 300-container bill', () => {
  const print = billPrint(300);
  let text: string;
  let all: string[];
  beforeAll(async () => {
    const pdf = await renderBillSummaryPdf(print);
    text = await pdfText(pdf);
    all = pages(text);
    await pdfToPng(pdf, path.join(out, 'bill-summary-300'));
  });

  it('runs over several pages, each with "page x / y", each page of containers with the table header', () => {
    const withRows = all.filter((page) => /^\s*C\d{6}\s/m.test(page));
    expect(withRows.length).toBeGreaterThanOrEqual(5);
    all.forEach((page, i) => expect(page).toContain(`page ${i + 1} / ${all.length}`));
    for (const page of withRows) expect(page).toMatch(HEADER);
    for (const page of withRows.slice(1)) expect(page).toContain('Containers (continued)');
  });

  it('shows every container exactly once, and the totals on the last page', () => {
    for (const line of print.lines) expect(text.match(new RegExp(`^\\s*${line.container}\\s`, 'gm'))).toHaveLength(1);
    expect(all.at(-1)).toMatch(new RegExp(`Total\\s+${kg(print.weight.totalGrams)} kg`));
  });
});

describe('text Helvetica cannot show', () => {
  it('becomes "?" instead of crashing: Polish, CJK, emoji', async () => {
    const print = billPrint(2, {
      names: { 'u-ann': 'Łukasz Żółć', 'u-bob': '王小明', 'u-cem': 'Zoë 🚚' },
      copy: 2,
      reprintReason: 'zgnieciony — łza',
    });
    const text = await pdfText(await renderBillSummaryPdf(print));
    expect(text).toMatch(/Opened by\s+\?ukasz \?ó\?\? \(u-ann\)/);
    expect(text).toMatch(/Finalised by\s+\?\?\? \(u-bob\)/);
    expect(text).toMatch(/Dispatched by\s+Zoë \? \(u-cem\)/);
    expect(text).toContain('Copy 2 — reprint: zgnieciony — ?za');
  });
});
