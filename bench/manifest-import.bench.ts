/**
 * Importing a big manifest. A LINES-line XLSX (50,000 by default) is generated with exceljs into a
 * temp dir at start; each of ROUNDS rounds times `parseManifestFile` on it (read, every cell checked,
 * the lines built) and, as the baseline, exceljs alone reading the same bytes (`workbook.xlsx.load` +
 * every row's values touched), in alternating order. The median of the rounds' ratios is judged
 * (goal ≤ 1.3×): the import may add checking, not a second read.
 * BENCH_MANIFEST_LINES=5000 for a quick look.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { gs1CheckDigit } from '../src/scan/gs1/check-digit';
import { parseManifestFile } from '../src/manifest-import';
import { percentile, report } from './report';
import { nowMs } from './station-host';

const LINES = Number(process.env.BENCH_MANIFEST_LINES ?? 50_000);
const ROUNDS = 5;
const GOAL = 1.3;
const median = (xs: number[]) => percentile(xs, 50);

function gtin(n: number): string {
  const body = `40${String(n).padStart(11, '0')}`;
  return `${body}${gs1CheckDigit(body, 0, 13)}`;
}

/** A manifest as a warehouse system exports it: every column, a date cell for the expiry. */
async function writeWorkbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Manifest');
  sheet.addRow(['Reference', 'Warehouse', 'Direction', 'GTIN', 'Quantity', 'Lot', 'Expiry', 'Unit weight g', 'Description']);
  for (let i = 1; i <= LINES; i++) {
    sheet.addRow(['PO-2026-0042', 'WH-NORTH', 'out', gtin(i), 1 + (i % 48), `L${i % 997}`, new Date(Date.UTC(2027, i % 12, 1 + (i % 28))), 125 + (i % 400) / 10, `Item ${i}, carton of ${1 + (i % 12)}`]);
  }
  await book.xlsx.writeFile(file);
}

async function exceljsAlone(bytes: Buffer): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  let cells = 0;
  book.worksheets[0]!.eachRow((row) => {
    cells += (row.values as ExcelJS.CellValue[]).length;
  });
  return cells;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-bench-'));
  try {
    const file = path.join(dir, 'manifest.xlsx');
    const t0 = nowMs();
    await writeWorkbook(file);
    const bytes = fs.readFileSync(file);
    console.log(`  generated ${LINES} lines, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB, in ${((nowMs() - t0) / 1000).toFixed(1)} s`);
    const imports: number[] = [];
    const baselines: number[] = [];
    const ratios: number[] = [];
    const timed = async (f: () => Promise<unknown>) => {
      global.gc?.();
      const start = nowMs();
      await f();
      return nowMs() - start;
    };
    for (let round = 0; round < ROUNDS; round++) {
      let ours = 0;
      const importOnce = async () => {
        const result = await parseManifestFile({ name: 'manifest.xlsx', bytes }, { maxBytes: 64 * 1024 * 1024 });
        if (!result.ok || result.lines.length !== LINES) throw new Error(`import failed: ${JSON.stringify(result).slice(0, 500)}`);
      };
      // Alternate which goes first, so neither always pays for the other's garbage.
      if (round % 2 === 0) {
        ours = await timed(importOnce);
        baselines.push(await timed(() => exceljsAlone(bytes)));
      } else {
        baselines.push(await timed(() => exceljsAlone(bytes)));
        ours = await timed(importOnce);
      }
      imports.push(ours);
      ratios.push(ours / baselines[round]!);
      console.log(`  round ${round + 1}: import ${ours.toFixed(0)} ms, exceljs alone ${baselines[round]!.toFixed(0)} ms, ratio ${ratios[round]!.toFixed(2)}×`);
    }
    const ratio = median(ratios);
    report({ name: `parseManifestFile, ${LINES}-line XLSX, median of ${ROUNDS} rounds`, value: median(imports), unit: 'ms', baseline: { name: 'exceljs load + rows alone, median', value: median(baselines) } });
    report({ name: `median ratio (import / exceljs alone) over ${ROUNDS} rounds`, value: ratio, unit: '×', goal: `≤ ${GOAL}×`, met: ratio <= GOAL });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
