// Printable documents (PDF): the report layout every document shares, and the documents built on it.
export { renderReportPdf, type Report, type ReportSection, type ReportTable } from './report';
export { renderBillSummaryPdf, billSummaryReport, type BillSummaryPrint } from './bill-summary';
export { pdfSafe } from './pdf-text';
