import { pdfSafe } from './pdf-text';

/**
 * The page furniture every printed document shares: A4, Helvetica, a cursor that starts a new page
 * when the next block would not fit, and a footer written once the page count is known.
 */
export type Doc = PDFKit.PDFDocument;

export const MARGIN = { top: 48, side: 48, bottom: 60 } as const;
export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;
export const GREY = '#555555';
export const RULE = '#999999';

/** The width text may use between the side margins. */
export function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.side * 2;
}

/**
 * Makes room for a block `height` points tall: starts a new page when it would run into the footer.
 * Returns true when it did, so a table can repeat its header there.
 */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= doc.page.height - MARGIN.bottom) return false;
  doc.addPage();
  doc.y = MARGIN.top;
  return true;
}

/** One line or wrapped block of text at (x, y) within `width`; the text is made safe for Helvetica. */
export function cell(doc: Doc, text: string, x: number, y: number, width: number, options: { bold?: boolean; size?: number; align?: 'left' | 'right'; color?: string } = {}): void {
  doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(options.size ?? 9).fillColor(options.color ?? 'black');
  doc.text(pdfSafe(text), x, y, { width, align: options.align ?? 'left' });
}

/** The height `text` takes when wrapped in `width` (same font settings as `cell`). */
export function cellHeight(doc: Doc, text: string, width: number, options: { bold?: boolean; size?: number } = {}): number {
  doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(options.size ?? 9);
  return doc.heightOfString(pdfSafe(text), { width });
}

/** "left text · page x / y" at the foot of every page. Call once, after the last page is drawn. */
export function writeFooters(doc: Doc, left: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // The footer sits inside the bottom margin; with the margin in place pdfkit would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 24;
    const width = contentWidth(doc);
    doc.moveTo(MARGIN.side, y - 6).lineTo(MARGIN.side + width, y - 6).lineWidth(0.5).strokeColor(RULE).stroke();
    cell(doc, left, MARGIN.side, y, width * 0.75, { size: 8, color: GREY });
    cell(doc, `page ${i - start + 1} / ${count}`, MARGIN.side + width * 0.75, y, width * 0.25, { size: 8, color: GREY, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
}
