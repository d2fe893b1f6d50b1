import { cell, cellHeight, contentWidth, ensureSpace, GREY, MARGIN, RULE, type Doc } from './page';

/** A table of text cells. Columns share the width by `widths` (relative; equal when left out). */
export interface ReportTable {
  columns: string[];
  rows: string[][];
  /** Per column; numbers read best right-aligned. Default left. */
  align?: Array<'left' | 'right'>;
  widths?: number[];
}

const PAD = 2.5;
const SIZE = 9;

interface Column { x: number; width: number; align: 'left' | 'right' }

function layoutColumns(doc: Doc, table: ReportTable): Column[] {
  const weights = table.columns.map((_, i) => table.widths?.[i] ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  let x = MARGIN.side;
  return weights.map((w, i) => {
    const width = (contentWidth(doc) * w) / sum;
    const column = { x, width, align: table.align?.[i] ?? 'left' };
    x += width;
    return column;
  });
}

function rowHeight(doc: Doc, cells: string[], columns: Column[], bold: boolean): number {
  const heights = columns.map((c, i) => cellHeight(doc, cells[i] ?? '', c.width - PAD * 2, { bold, size: SIZE }));
  return Math.max(...heights, SIZE) + PAD * 2;
}

function drawRow(doc: Doc, cells: string[], columns: Column[], height: number, style: { bold: boolean; shade: boolean }): void {
  const y = doc.y;
  const width = contentWidth(doc);
  if (style.shade) doc.rect(MARGIN.side, y, width, height).fillColor('#f0f0f0').fill();
  columns.forEach((c, i) => cell(doc, cells[i] ?? '', c.x + PAD, y + PAD, c.width - PAD * 2, { bold: style.bold, size: SIZE, align: c.align }));
  if (style.bold) doc.moveTo(MARGIN.side, y + height).lineTo(MARGIN.side + width, y + height).lineWidth(0.8).strokeColor(RULE).stroke();
  doc.y = y + height;
}

/**
 * Draws the table from the cursor down, across as many pages as it needs. Every page it continues
 * on starts with `continued` (e.g. "Containers (continued)") and the header row again, so a page
 * read on its own still says what each column is.
 */
export function drawTable(doc: Doc, table: ReportTable, continued: string): void {
  const columns = layoutColumns(doc, table);
  const headerHeight = rowHeight(doc, table.columns, columns, true);
  const header = (): void => drawRow(doc, table.columns, columns, headerHeight, { bold: true, shade: false });
  const firstRow = table.rows[0] ? rowHeight(doc, table.rows[0], columns, false) : 0;
  // Never a header alone at the foot of a page.
  ensureSpace(doc, headerHeight + firstRow);
  header();
  if (table.rows.length === 0) {
    const y = doc.y;
    cell(doc, '(none)', MARGIN.side + PAD, y + PAD, contentWidth(doc), { size: SIZE, color: GREY });
    doc.y = y + SIZE + PAD * 3;
    return;
  }
  table.rows.forEach((row, index) => {
    const height = rowHeight(doc, row, columns, false);
    if (ensureSpace(doc, height)) {
      const y = doc.y;
      cell(doc, continued, MARGIN.side, y, contentWidth(doc), { bold: true, size: 11 });
      doc.y = y + 18;
      header();
    }
    drawRow(doc, row, columns, height, { bold: false, shade: index % 2 === 1 });
  });
}

/** Key/value figures in two columns: the key in grey, the value beside it. */
export function drawFigures(doc: Doc, rows: Array<[string, string]>): void {
  const keyWidth = Math.min(170, contentWidth(doc) * 0.35);
  const valueWidth = contentWidth(doc) - keyWidth;
  for (const [key, value] of rows) {
    const height = Math.max(cellHeight(doc, key, keyWidth - PAD * 2, { size: 10 }), cellHeight(doc, value, valueWidth, { bold: true, size: 10 })) + PAD;
    ensureSpace(doc, height);
    const y = doc.y;
    cell(doc, key, MARGIN.side, y, keyWidth - PAD * 2, { size: 10, color: GREY });
    cell(doc, value, MARGIN.side + keyWidth, y, valueWidth, { bold: true, size: 10 });
    doc.y = y + height;
  }
}
