import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { ScanResult } from '../../api/scan';

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

/** The most rows one `audit.rejections` answer holds. */
export const REJECTIONS_MAX = 200;

/**
 * One rejection central sent back (`central_rejections`): an event of this station that lost at
 * central, with why, and who did it and when as the local log has it (null where the log lacks it).
 */
export const CentralRejection = z.object({
  centralId: z.number().int().positive(),
  /** The rejected event's seq in this station's log. */
  seq: z.number().int().positive(),
  /** The rejected event's type (`bag.child_linked`, `user.disabled`, `session.started` …). */
  eventType: z.string(),
  /** Central's reason code: user_overwritten, user_disabled, badge_taken, child_linked_elsewhere … */
  reason: z.string(),
  /** Central's own words about it. */
  detail: z.string(),
  /** The station and seq of the event that won, where there was one. */
  winnerStation: z.string().nullable(),
  winnerSeq: z.number().int().nullable(),
  /** When central rejected it. */
  createdAt: z.string(),
  /** When a supervisor marked it seen; null while unseen. */
  seenAt: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  /** The rejected event's device time. */
  deviceTime: z.string().nullable(),
});
export type CentralRejection = z.infer<typeof CentralRejection>;

export const RejectionsQuery = z.object({ limit: z.number().int().min(1).max(REJECTIONS_MAX).default(50) }).strict();

export const RejectionList = z.object({
  /** The unseen ones first (newest first), then the most recently seen. */
  rows: z.array(CentralRejection),
  /** How many are unseen in all (the list may hold fewer). */
  unseen: z.number().int().nonnegative(),
});
export type RejectionList = z.infer<typeof RejectionList>;

/** A supervisor's retry or skip of an event central quarantined (the sync screen), with a reason. */
export const ResolveQuarantined = z.object({
  action: z.enum(['retry', 'skip']),
  kind: z.enum(['ingest', 'projection']),
  id: z.number().int().positive(),
  reason: z.string().trim().min(1, 'a reason is required').max(500),
}).strict();
export type ResolveQuarantined = z.output<typeof ResolveQuarantined>;

/**
 * The audit trail, a read-only view over the event log, and what central sent back or set aside.
 * Its events are a supervisor's actions on those, so they are in the trail too: a rejection marked
 * seen, and a quarantined event retried or skipped at central (recorded with central's outcome).
 */
export const auditContract = defineContract({
  id: 'audit',
  events: {
    'audit.rejection_seen': z.object({ centralId: z.number().int().positive(), seq: z.number().int().positive(), type: z.string(), reason: z.string() }),
    'audit.quarantine_resolved': z.object({
      action: z.enum(['retry', 'skip']), kind: z.enum(['ingest', 'projection']), id: z.number().int().positive(),
      reason: z.string(), outcome: z.enum(['retried', 'skipped', 'open']), error: z.string().nullable(),
    }),
  },
  commands: {
    'audit.rejection_seen': {
      payload: z.object({ centralId: z.number().int().positive() }).strict(), result: ScanResult, permission: 'audit.view',
      label: 'mark a rejection from central as seen',
    },
    'audit.resolve_quarantined': {
      payload: ResolveQuarantined, result: ScanResult, permission: 'sync.resolve',
      label: 'retry or skip an event central quarantined',
    },
  },
  queries: {
    'audit.events': { payload: AuditQuery, result: AuditPage, permission: 'audit.view', label: 'read the audit trail' },
    'audit.rejections': { payload: RejectionsQuery, result: RejectionList, permission: 'audit.view', label: 'read the rejections from central' },
  },
});
