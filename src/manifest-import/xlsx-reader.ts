import type ExcelJS from 'exceljs';
import type { ErrorList } from './errors';
import { isBlank, type Cell, type Row, type Table } from './table';

type LoadInput = Parameters<ExcelJS.Xlsx['load']>[0];

/**
 * A cell as its value. A formula cell is read as its saved result, the value Excel shows (a manifest
 * exported from a spreadsheet often sums or looks up its quantities); one with no saved result, or
 * whose result is an error, is refused: we never evaluate formulas ourselves.
 */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return { problem: `the cell shows the error ${value.error}` };
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = value.formula ?? ('sharedFormula' in value ? value.sharedFormula : '');
    if (value.result === undefined) return { problem: `the formula =${formula} has no saved result (type the value, or open and save the file in Excel)` };
    if (typeof value.result === 'object' && !(value.result instanceof Date)) return { problem: `the formula =${formula} gives the error ${value.result.error}` };
    return value.result;
  }
  return { problem: 'the cell holds something other than a value' };
}

function headerText(cell: Cell): string {
  if (cell === null || typeof cell === 'object') return '';
  return String(cell).trim();
}

/** Reads the first worksheet into a table; rows are numbered as Excel numbers them. */
export async function readXlsx(bytes: Buffer, errors: ErrorList): Promise<Table | null> {
  // loaded on the first import, not at the station's start (it is large and most stations never read a workbook)
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as LoadInput);
  } catch (err) {
    errors.add(null, null, `the workbook cannot be read (damaged, or not an .xlsx file): ${(err as Error).message}`);
    return null;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    errors.add(null, null, 'the workbook has no worksheet');
    return null;
  }
  let header: string[] | null = null;
  let headerLine = 0;
  const rows: Row[] = [];
  sheet.eachRow((row, line) => {
    // row.values is 1-based (index 0 unused) and sparse: empty cells are holes.
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = new Array<Cell>(Math.max(0, values.length - 1));
    for (let i = 1; i < values.length; i++) cells[i - 1] = cellOf(values[i]);
    if (header === null) {
      header = cells.map(headerText);
      headerLine = line;
    } else if (!isBlank(cells)) {
      rows.push({ line, cells });
    }
  });
  if (header === null) {
    errors.add(null, null, 'the file is empty (the first worksheet has no rows)');
    return null;
  }
  return { header, headerLine, rows };
}
