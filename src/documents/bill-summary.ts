import type { BillLine, BillStatus, BillSummary } from '../workflows/bill/contract';
import { kg, printedTime } from './format';
import { renderReportPdf, type Report } from './report';

export interface BillSummaryPrint extends BillSummary {
  stationId: string;
  /** ISO time of this print. */
  printedAt: string;
  /** 1 for the first print; a higher copy is a reprint and carries its reason. */
  copy: number;
  reprintReason: string | null;
  /** userId → display name; a user not in it is shown by id. */
  names: Record<string, string>;
}

const STATUS: Record<BillStatus, string> = { open: 'Open (not finalised)', finalised: 'Finalised', dispatched: 'Dispatched' };

function person(names: Record<string, string>, userId: string | null): string {
  if (userId === null) return '—';
  const name = names[userId];
  return name === undefined ? userId : `${name} (${userId})`;
}

function lineRow(line: BillLine): string[] {
  const grams = line.grams ?? line.estimatedGrams;
  return [line.container, line.type, String(line.children), grams === null ? '—' : kg(grams), line.grams === null ? 'estimated' : ''];
}

/** The printed bill as a report: what `renderBillSummaryPdf` draws, kept apart so it can be read in tests. */
export function billSummaryReport(print: BillSummaryPrint): Report {
  const { weight } = print;
  const when = printedTime(print.printedAt);
  return {
    title: `Bill ${print.bill}`,
    subtitle: `Bill summary · station ${print.stationId} · printed ${when}`,
    barcode: print.bill,
    notice: print.copy > 1 ? `Copy ${print.copy} — reprint: ${print.reprintReason ?? 'no reason given'}` : undefined,
    printedAt: print.printedAt,
    footer: `Bill ${print.bill} · station ${print.stationId} · printed ${when} · copy ${print.copy}`,
    sections: [
      {
        heading: 'Bill',
        rows: [
          ['Status', STATUS[print.status]],
          ['Station', print.stationId],
          ['Opened by', person(print.names, print.openedBy)],
          ['Finalised by', person(print.names, print.finalisedBy)],
          ['Dispatched by', person(print.names, print.dispatchedBy)],
        ],
      },
      {
        heading: 'Containers',
        table: {
          columns: ['Container', 'Type', 'Children', 'Weight (kg)', ''],
          rows: print.lines.map(lineRow),
          align: ['left', 'left', 'right', 'right', 'left'],
          widths: [38, 20, 11, 15, 14],
        },
      },
      {
        heading: 'Totals',
        rows: [
          ['Containers', String(print.lines.length)],
          ['Measured', `${kg(weight.measuredGrams)} kg`],
          [`Estimated (${weight.estimatedCount} not weighed)`, `${kg(weight.estimatedGrams)} kg`],
          ['Total', `${kg(weight.totalGrams)} kg`],
        ],
      },
    ],
  };
}

/** The bill summary as an A4 PDF: the bill number as text and Code 128, its containers, its totals. */
export function renderBillSummaryPdf(print: BillSummaryPrint): Promise<Buffer> {
  return renderReportPdf(billSummaryReport(print));
}
