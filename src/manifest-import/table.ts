/** A cell the reader could not turn into a value (an Excel error, a formula with no saved result). */
export interface CellProblem {
  problem: string;
}

/** One cell as the file holds it: CSV gives text only; XLSX also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null | CellProblem;

/** One non-empty row below the header, with its line number in the file (the header is line 1). */
export interface Row {
  line: number;
  cells: Cell[];
}

/** A file read into rows, before any column is understood. */
export interface Table {
  /** The header cells as written (trimmed text), by column position. */
  header: string[];
  /** The header's own line (1 unless blank lines precede it). */
  headerLine: number;
  rows: Row[];
}

export function isProblem(cell: Cell): cell is CellProblem {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** Whether a row holds nothing at all (such rows are skipped, like blank lines). */
export function isBlank(cells: Cell[]): boolean {
  for (const c of cells) if (c !== null && !(typeof c === 'string' && c.trim() === '')) return false;
  return true;
}
