import type { HistoryEventsQuery, HistoryPage, SearchResult } from './contract';

/** The read-only questions of search and history, over the local store. */
export interface HistoryView {
  /** What the code (or the SSCC / GTIN inside a GS1 scan) is at this station now. */
  search(query: string): SearchResult;
  /** Every container or bag event that names the code, newest first, one keyset page (≤ 200 rows). */
  events(query: HistoryEventsQuery): HistoryPage;
}
