import type PDFDocumentType from 'pdfkit';
import { symbolPng } from '../label/preview';
import { documentDate } from './format';
import { cell, cellHeight, contentWidth, ensureSpace, FONT, GREY, MARGIN, writeFooters, type Doc } from './page';
import { pdfSafe } from './pdf-text';
import { drawFigures, drawTable, type ReportTable } from './table';

export type { ReportTable } from './table';

/** One block of a report: a heading, then key/value figures, a table, or both (figures first). */
export interface ReportSection {
  heading: string;
  rows?: Array<[string, string]>;
  table?: ReportTable;
}

export interface Report {
  title: string;
  subtitle: string;
  /** Printed as Code 128 beside the title (e.g. the bill number, so the paper can be scanned back). */
  barcode?: string;
  /** Stands out under the subtitle (e.g. "Copy 2 — reprint: torn"). */
  notice?: string;
  sections: ReportSection[];
  /** ISO time of the print: the PDF's CreationDate, so the same report gives the same bytes. Default now. */
  printedAt?: string;
  /** Left part of every page's footer, beside "page x / y". Default the title. */
  footer?: string;
}

const BARCODE_BOX = { width: 190, height: 58 };

async function drawHead(doc: Doc, report: Report): Promise<void> {
  const width = contentWidth(doc);
  const textWidth = report.barcode === undefined ? width : width - BARCODE_BOX.width - 12;
  if (report.barcode !== undefined) {
    const png = await symbolPng({ bcid: 'code128', text: report.barcode, gs1: false }, { scale: 3, heightMm: 12 });
    doc.image(png, MARGIN.side + width - BARCODE_BOX.width, MARGIN.top, { fit: [BARCODE_BOX.width, BARCODE_BOX.height], align: 'right' });
  }
  let y = MARGIN.top;
  cell(doc, report.title, MARGIN.side, y, textWidth, { bold: true, size: 20 });
  y += cellHeight(doc, report.title, textWidth, { bold: true, size: 20 }) + 4;
  cell(doc, report.subtitle, MARGIN.side, y, textWidth, { size: 10, color: GREY });
  y += cellHeight(doc, report.subtitle, textWidth, { size: 10 }) + 4;
  if (report.notice !== undefined) {
    cell(doc, report.notice, MARGIN.side, y, textWidth, { bold: true, size: 11, color: '#b00000' });
    y += cellHeight(doc, report.notice, textWidth, { bold: true, size: 11 }) + 4;
  }
  doc.y = Math.max(y, report.barcode === undefined ? 0 : MARGIN.top + BARCODE_BOX.height) + 14;
}

function drawSection(doc: Doc, section: ReportSection): void {
  // Keep a heading with at least the start of what it heads.
  ensureSpace(doc, 60);
  const y = doc.y;
  cell(doc, section.heading, MARGIN.side, y, contentWidth(doc), { bold: true, size: 12 });
  doc.y = y + 18;
  if (section.rows) drawFigures(doc, section.rows);
  if (section.rows && section.table) doc.y += 8;
  if (section.table) drawTable(doc, section.table, `${section.heading} (continued)`);
  doc.y += 16;
}

/**
 * A printable A4 report: title, subtitle and optional barcode, then its sections, with tables that
 * run over pages, and "page x / y" at the foot of each. Every document the station prints is one of these.
 */
export async function renderReportPdf(report: Report): Promise<Buffer> {
  const printedAt = report.printedAt === undefined ? new Date() : documentDate(report.printedAt);
  // loaded on the first print, not at the station's start
  const PDFDocument = (await import('pdfkit')).default as typeof PDFDocumentType;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN.top, left: MARGIN.side, right: MARGIN.side, bottom: MARGIN.bottom },
    // Footers need the page count, known only once every page exists.
    bufferPages: true,
    font: FONT.regular,
    info: { Title: pdfSafe(report.title), Producer: 'scan-station', Creator: 'scan-station', CreationDate: printedAt, ModDate: printedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    await drawHead(doc, report);
    for (const section of report.sections) drawSection(doc, section);
    writeFooters(doc, report.footer ?? report.title);
  } finally {
    // Always end the stream, so a drawing error cannot leave the promise hanging.
    doc.end();
  }
  return done;
}
