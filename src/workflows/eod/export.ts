import { renderReportPdf, type Report } from '../../documents';
import { toCsv } from '../../export/csv';
import type { EodAnswer, EodSummary } from './contract';

const kg = (grams: number) => (grams / 1000).toFixed(3);
const title = (s: EodSummary) => `End of day ${s.date}${s.shift ? `, shift ${s.shift}` : ''}`;

/** The figures as label/value pairs, in the order the screen, the PDF and the CSV show them. */
export function figures(s: EodSummary): Array<[string, string | number]> {
  const c = s.containers;
  return [
    ['Events', s.range ? `${s.range.events} (seq ${s.range.firstSeq} to ${s.range.lastSeq})` : 0],
    ['Containers closed', c.closed],
    ['Children', c.children],
    ['Average per container', c.averageChildren ?? '-'],
    ['Containers weighed', c.weighed],
    ['Total weight (kg)', kg(c.totalGrams)],
    ['Average weight (kg)', c.averageGrams === null ? '-' : kg(c.averageGrams)],
    ['Refused scans', s.refused.count],
    ['Weighings out of tolerance', s.outOfTolerance.count],
    ['Overrides', s.overrides.count],
    ['Voids', s.voids.count],
    ['Bills opened / finalised / dispatched', `${s.bills.opened} / ${s.bills.finalised} / ${s.bills.dispatched}`],
    ['Manifests completed / closed short', `${s.manifests.completed} / ${s.manifests.closedShort}`],
    ['Open containers carried over', s.openContainers.length],
    ['Audit chain head', s.chainHead ? `seq ${s.chainHead.seq} ${s.chainHead.hash}` : '-'],
  ];
}

type Row = Record<string, string | number | null>;
const COLUMNS = ['section', 'item', 'value', 'seq', 'at', 'user', 'approved_by', 'detail'];

/** One CSV of every figure and every listed row; each text cell passes toCsv, which makes a formula inert. */
export function eodCsv(a: EodAnswer): string {
  const rows: Row[] = [
    { section: 'station', item: a.stationId, value: a.date, detail: `${a.shift ?? 'whole day'} ${a.period.start} - ${a.period.end} (${a.timeZone})` },
    ...(a.empty ? [{ section: 'note', item: a.empty }] : []),
    ...figures(a).map(([item, value]) => ({ section: 'figure', item, value })),
    ...a.containers.byType.map((t) => ({ section: 'type', item: t.type, value: t.closed, detail: `${t.children} children` })),
    ...a.refused.rows.map((r) => ({ section: 'refused', item: r.code, value: r.codeClass, seq: r.seq, at: r.at, user: r.user, detail: r.reason })),
    ...a.outOfTolerance.rows.map((r) => ({ section: 'out of tolerance', item: r.container, value: r.grams, seq: r.seq, at: r.at, user: r.user, approved_by: r.acceptedBy, detail: r.expectedGrams === null ? null : `expected ${r.expectedGrams} g ± ${r.toleranceGrams ?? 0} g` })),
    ...a.overrides.rows.map((r) => ({ section: 'override', item: r.action, value: r.permission, seq: r.seq, at: r.at, user: r.requestedBy, approved_by: r.approvedBy, detail: r.reason })),
    ...a.voids.rows.map((r) => ({ section: 'void', item: r.container, seq: r.seq, at: r.at, user: r.user, approved_by: r.approvedBy, detail: r.reason })),
    ...a.openContainers.map((o) => ({ section: 'open', item: o.container, value: o.type, seq: o.openedSeq })),
    ...a.clock.notes.map((n) => ({ section: 'clock', item: n })),
    ...(a.closed ? [{ section: 'closed', item: a.closed.summaryHash, seq: a.closed.seq, at: a.closed.at, user: a.closed.by, detail: a.closed.reason }] : []),
  ];
  return toCsv(rows, COLUMNS);
}

const text = (v: string | number | null) => (v === null ? '' : String(v));

/** The summary as the station's A4 report. */
export function eodReport(a: EodAnswer, printedAt: string): Report {
  const who = (r: { user: string | null }) => r.user ?? '';
  return {
    title: title(a),
    subtitle: `Station ${a.stationId} · ${a.period.start} to ${a.period.end} (${a.timeZone}) · printed ${printedAt}`,
    ...(a.empty ? { notice: a.empty } : a.closed ? { notice: `Closed at seq ${a.closed.seq} by ${a.closed.by ?? 'unknown'}${a.closed.reason ? ` (${a.closed.reason})` : ''}, summary sha256 ${a.closed.summaryHash.slice(0, 16)}` } : {}),
    printedAt,
    footer: `${title(a)} · ${a.stationId}`,
    sections: [
      { heading: 'Figures', rows: figures(a).map(([k, v]) => [k, String(v)]) },
      ...(a.refused.rows.length ? [{ heading: `Refused (${a.refused.count})`, table: { columns: ['Seq', 'Who', 'Code', 'Reason'], widths: [1, 2, 2, 5], rows: a.refused.rows.map((r) => [String(r.seq), who(r), r.code, r.reason]) } }] : []),
      ...(a.outOfTolerance.rows.length ? [{ heading: `Out of tolerance (${a.outOfTolerance.count})`, table: { columns: ['Seq', 'Who', 'Container', 'kg', 'Accepted by'], rows: a.outOfTolerance.rows.map((r) => [String(r.seq), who(r), r.container, kg(r.grams), r.acceptedBy ?? '']) } }] : []),
      ...(a.overrides.rows.length ? [{ heading: `Overrides (${a.overrides.count})`, table: { columns: ['Seq', 'Action', 'Asked by', 'Approved by', 'Reason'], widths: [1, 2, 2, 2, 4], rows: a.overrides.rows.map((r) => [String(r.seq), r.action, text(r.requestedBy), text(r.approvedBy), r.reason]) } }] : []),
      ...(a.voids.rows.length ? [{ heading: `Voids (${a.voids.count})`, table: { columns: ['Seq', 'Container', 'Who', 'Approved by', 'Reason'], widths: [1, 2, 2, 2, 4], rows: a.voids.rows.map((r) => [String(r.seq), r.container, who(r), text(r.approvedBy), r.reason]) } }] : []),
      ...(a.openContainers.length ? [{ heading: 'Open containers carried over', table: { columns: ['Container', 'Type', 'Opened at seq'], rows: a.openContainers.map((o) => [o.container, o.type, String(o.openedSeq)]) } }] : []),
      { heading: 'Clock', rows: a.clock.notes.map((n, i): [string, string] => [String(i + 1), n]) },
    ],
  };
}

export function eodPdf(a: EodAnswer, printedAt: string): Promise<Buffer> {
  return renderReportPdf(eodReport(a, printedAt));
}

/** Where an export goes: `<dataDir>/documents/eod/<station>-<date>[-<shift>].<format>`. */
export function exportName(a: EodSummary, format: 'csv' | 'pdf'): string {
  return `${a.stationId}-${a.date}${a.shift ? `-${a.shift}` : ''}.${format}`;
}
