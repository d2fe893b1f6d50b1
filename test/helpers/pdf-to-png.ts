import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * PDFs seen the way a person sees them, through poppler (test/system-deps.sh installs it):
 * `pdftoppm` draws the pages as PNGs to look at, `pdftotext -layout` gives the text to assert on.
 */
const run = promisify(execFile);

/** Poppler reads files, not stdin: the PDF goes to a temp dir that is removed afterwards. */
async function withPdfFile<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pdf-'));
  try {
    const file = path.join(dir, 'in.pdf');
    await fs.promises.writeFile(file, pdf);
    return await use(file);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** Renders every page to `<outBase>-<n>.png` (n padded as pdftoppm pads it); returns the paths in page order. */
export async function pdfToPng(pdf: Buffer, outBase: string, dpi = 110): Promise<string[]> {
  const dir = path.dirname(outBase);
  const base = path.basename(outBase);
  await fs.promises.mkdir(dir, { recursive: true });
  const ours = (name: string): number | null => {
    const m = /^(.*)-(\d+)\.png$/.exec(name);
    return m && m[1] === base ? Number(m[2]) : null;
  };
  // A previous run with more pages would leave pages this one does not have.
  for (const name of await fs.promises.readdir(dir)) if (ours(name) !== null) await fs.promises.rm(path.join(dir, name));
  await withPdfFile(pdf, (file) => run('pdftoppm', ['-png', '-r', String(dpi), file, outBase]));
  const pages = (await fs.promises.readdir(dir)).filter((name) => ours(name) !== null);
  return pages.sort((a, b) => ours(a)! - ours(b)!).map((name) => path.join(dir, name));
}

/** The PDF's text, laid out as on the page (columns stay on one line); pages are split by form feeds. */
export async function pdfText(pdf: Buffer): Promise<string> {
  return withPdfFile(pdf, async (file) => (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout);
}
