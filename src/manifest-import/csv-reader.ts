import { CsvError, parse } from 'csv-parse/sync';
import type { ErrorList } from './errors';
import { isBlank, type Row, type Table } from './table';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `;` when the header line has more of them than commas (Excel's CSV in many European locales), else `,`. */
function delimiterOf(firstLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  for (const ch of firstLine) {
    if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** The first line at or after `from` (1-based) that is not blank: where a record really starts. */
function firstNonBlank(lines: string[], from: number): number {
  let n = from;
  while (n <= lines.length && lines[n - 1]!.trim() === '') n++;
  return n;
}

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field opens on this line and is never closed (a missing ")',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field is followed by more text before the delimiter (a stray ")',
  INVALID_OPENING_QUOTE: 'a " in the middle of an unquoted field (quote the whole field and double the ")',
};

/**
 * Reads CSV text into a table. Malformed CSV stops the read: csv-parse cannot resynchronise after a
 * broken quote, and every line after it would be a guess.
 */
export function readCsv(bytes: Buffer, errors: ErrorList): Table | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    errors.add(null, null, 'the file is not UTF-8 text (save it as "CSV UTF-8")');
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // Excel's UTF-8 BOM
  const lines = text.split('\n');
  const headerLine = firstNonBlank(lines, 1);
  if (headerLine > lines.length) {
    errors.add(null, null, 'the file is empty');
    return null;
  }
  const records: Row[] = [];
  let lastEnd = 0;
  try {
    parse(text, {
      delimiter: delimiterOf(lines[headerLine - 1]!),
      relax_column_count: true, // a wrong field count is reported per line below, not thrown
      skip_empty_lines: true,
      raw: true,
      on_record: (parsed, context) => {
        // With `raw`, csv-parse hands the record and its source text (its types omit this form).
        const { record, raw } = parsed as unknown as { record: string[]; raw: string };
        // context.lines is where the record ends; a quoted field may span lines, so count back to its start.
        const body = raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
        const inside = body.split('\n').length - 1;
        records.push({ line: context.lines - inside, cells: record });
        lastEnd = context.lines;
        return null; // collected here; csv-parse need not keep a second copy
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? firstNonBlank(lines, lastEnd + 1) : (err as CsvError & { lines?: number }).lines ?? null;
    errors.add(line, null, CSV_MESSAGES[err.code] ?? `malformed CSV: ${err.message}`);
    return null;
  }
  const [head, ...rows] = records;
  if (!head) {
    errors.add(null, null, 'the file is empty');
    return null;
  }
  const header = (head.cells as string[]).map((h) => h.trim());
  const kept: Row[] = [];
  for (const row of rows) {
    if (isBlank(row.cells)) continue;
    // A short or long line is a broken line (a lost or extra delimiter): its cells cannot be trusted.
    if (row.cells.length !== header.length) errors.add(row.line, null, `${row.cells.length} fields, but the header has ${header.length}`);
    else kept.push(row);
  }
  return { header, headerLine: head.line, rows: kept };
}
