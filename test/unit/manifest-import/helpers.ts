import ExcelJS from 'exceljs';
import { describe as describeError, parseManifestFile, type ImportResult } from '../../../src/manifest-import';

export const LIMIT = { maxBytes: 1024 * 1024 };

/** Parses text as a CSV file of that name. */
export function csv(text: string, name = 'orders.csv'): Promise<ImportResult> {
  return parseManifestFile({ name, bytes: Buffer.from(text, 'utf8') }, LIMIT);
}

/** A one-sheet workbook of these rows (the first is the header), as the bytes of an .xlsx file. */
export async function workbook(rows: ExcelJS.CellValue[][], setup?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Manifest');
  for (const row of rows) sheet.addRow(row);
  setup?.(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function xlsx(rows: ExcelJS.CellValue[][], name = 'orders.xlsx'): Promise<ImportResult> {
  return parseManifestFile({ name, bytes: await workbook(rows) }, LIMIT);
}

/** The result's errors as a person reads them (fails the test when the import succeeded). */
export function messages(result: ImportResult): string[] {
  if (result.ok) throw new Error(`expected errors, the import succeeded with ${result.lines.length} lines`);
  return result.errors.map(describeError);
}
