import type { ManifestLine } from '../workflows/manifest/contract';
import { mapColumns } from './columns';
import { readCsv } from './csv-reader';
import { ErrorList, type ImportError } from './errors';
import { detectFormat } from './format';
import { toManifest } from './lines';
import { readXlsx } from './xlsx-reader';

export type ImportResult =
  | { ok: true; format: 'csv' | 'xlsx'; reference: string; warehouse: string; direction: 'out' | 'in'; lines: ManifestLine[] }
  | { ok: false; errors: ImportError[] };

function megabytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${n} bytes`;
}

/**
 * Reads a manifest file (CSV or XLSX, see docs/manifests.md) into its lines, or every problem found
 * (at most MAX_ERRORS listed), each naming the file, the line and the column.
 */
export async function parseManifestFile(file: { name: string; bytes: Buffer }, options: { maxBytes: number }): Promise<ImportResult> {
  const errors = new ErrorList(file.name);
  const fail = (): ImportResult => ({ ok: false, errors: errors.list() });
  // Before anything reads it: an oversized file must cost nothing.
  if (file.bytes.length > options.maxBytes) {
    errors.add(null, null, `the file is ${megabytes(file.bytes.length)}, over the limit of ${megabytes(options.maxBytes)}`);
    return fail();
  }
  if (file.bytes.length === 0) {
    errors.add(null, null, 'the file is empty');
    return fail();
  }
  const format = detectFormat(file.name, file.bytes, errors);
  if (format === null) return fail();
  const table = format === 'csv' ? readCsv(file.bytes, errors) : await readXlsx(file.bytes, errors);
  if (table === null) return fail();
  const map = mapColumns(table.header, table.headerLine, errors);
  if (map === null) return fail();
  const manifest = toManifest(table, map, errors, new Date().getUTCFullYear());
  if (manifest === null) return fail();
  return { ok: true, format, ...manifest };
}
