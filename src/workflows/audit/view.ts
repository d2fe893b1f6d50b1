import type { AuditPage, AuditQuery, CentralRejection } from './contract';

/** The read-only questions about the audit trail (the local event log) and the rejections from central. */
export interface AuditView {
  /** One keyset page, newest first, filtered by user, type (or type prefix) and device time. */
  events(query: AuditQuery): AuditPage;
  /** The newest event's seq and hash; null while the log is empty. */
  head(): AuditPage['head'];
  /** The unseen rejections (newest first), then the most recently seen; at most `limit` (≤ 200). */
  rejections(limit: number): CentralRejection[];
  /** One rejection by central's id; null when this station has none by that id. */
  rejection(centralId: number): CentralRejection | null;
  /** How many rejections no supervisor has marked seen. */
  unseenCount(): number;
}
