import { z } from 'zod';
import { defineContract } from '../../api/contract';

/** The most rows one `audit.events` page holds. */
export const AUDIT_PAGE_MAX = 200;

/**
 * An event type to filter by: a whole type (`session.started`) or a prefix ending in `.` (`session.`),
 * which matches every type of that module.
 */
export const AuditTypeFilter = z.string().min(2).max(64).regex(/^[a-z][a-z0-9_-]*\.([a-z0-9_.-]*)$/, 'an event type (session.started) or a prefix ending in . (session.)');

export const AuditQuery = z.object({
  userId: z.string().min(1).max(64).optional(),
  type: AuditTypeFilter.optional(),
  /** Device time, inclusive: ISO-8601 (any offset; compared as the station's UTC text). */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Device time, inclusive. */
  to: z.iso.datetime({ offset: true }).optional(),
  /** Keyset cursor: only events with a seq below this (the `next` of the page before). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
}).strict();
export type AuditQuery = z.output<typeof AuditQuery>;

/** One event as the audit viewer shows it. A payload never carries a PIN hash (any `pinHash` key is removed). */
export const AuditRow = z.object({
  seq: z.number().int().positive(),
  /** The station's clock when it was recorded (device_time). */
  at: z.string(),
  type: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  role: z.string().nullable(),
  stationId: z.string(),
  sessionId: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedByName: z.string().nullable(),
  payload: z.unknown(),
  /** The payload's `reason`, where it has one (a lock, an undo, an approval, a refusal). */
  reason: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;

/** The newest event of the local chain: its hash vouches for everything before it. */
export const ChainHead = z.object({ seq: z.number().int().positive(), hash: z.string() });

export const AuditPage = z.object({
  rows: z.array(AuditRow),
  /** Pass as `before` for the next (older) page; null on the last one. */
  next: z.number().int().positive().nullable(),
  /** Null only while the log is empty. */
  head: ChainHead.nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** The audit trail: a read-only view over the event log. It records no events of its own. */
export const auditContract = defineContract({
  id: 'audit',
  events: {},
  queries: {
    'audit.events': { payload: AuditQuery, result: AuditPage, permission: 'audit.view', label: 'read the audit trail' },
  },
});
