import type { AuditPage, AuditQuery } from './contract';

/** The read-only questions about the audit trail (the local event log). */
export interface AuditView {
  /** One keyset page, newest first, filtered by user, type (or type prefix) and device time. */
  events(query: AuditQuery): AuditPage;
  /** The newest event's seq and hash; null while the log is empty. */
  head(): AuditPage['head'];
}
