import { stringify } from 'csv-stringify/sync';

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): `=`, `+`, `-`,
 * `@`, and tab and carriage return, which some spreadsheets skip before looking for them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that could run as a formula gets a leading `'`, so it is shown as text and never evaluated. */
function safe(value: string | number | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  // A typed number is data, not text a person typed: -3 stays -3 (a spreadsheet reads it as a number).
  if (typeof value === 'number') return Number.isFinite(value) ? value : safe(String(value));
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Rows to CSV (RFC 4180: comma, CRLF, quoted when needed), with a header of `columns` in that order.
 * A missing or null value is an empty cell.
 */
export function toCsv(rows: Array<Record<string, string | number | null>>, columns: string[]): string {
  const records = rows.map((row) => columns.map((c) => safe(row[c])));
  return stringify([columns.map((c) => safe(c)), ...records], { record_delimiter: 'windows' });
}
