import { z } from 'zod';

/**
 * The station's `central` config section: where replication goes and how hard it pushes. Absent
 * (or an empty url) means replication is simply "not configured"; the station works offline.
 */
export const CentralConfig = z.object({
  /** postgres://station_role:password@host:port/db, as printed by `station provision`. */
  url: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
  /**
   * A pooled station's token, from `station provision --pooled` (then `url` names the fleet's shared
   * login). It is set per transaction, so it also holds behind a transaction pooler.
   */
  stationToken: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64 hex digits printed by "station provision --pooled"').optional(),
  pool: z.object({
    /** The worker needs one connection; a second lets a reference pull overlap a drain. */
    max: z.number().int().min(1).max(10).default(2),
    connectionTimeoutMs: z.number().int().min(100).default(5_000),
    idleTimeoutMs: z.number().int().min(1_000).default(30_000),
  }).strict().default({ max: 2, connectionTimeoutMs: 5_000, idleTimeoutMs: 30_000 }),
  /** Set with SET LOCAL inside every transaction, so they also hold behind a transaction pooler. */
  statementTimeoutMs: z.number().int().min(100).default(30_000),
  idleInTransactionTimeoutMs: z.number().int().min(100).default(60_000),
  batch: z.object({
    maxRows: z.number().int().min(1).max(50_000).default(5_000),
    maxBytes: z.number().int().min(1_024).max(64 * 1024 * 1024).default(4 * 1024 * 1024),
  }).strict().default({ maxRows: 5_000, maxBytes: 4 * 1024 * 1024 }),
  /** How often an idle worker looks for new events (a nudge after a commit wakes it sooner). */
  pollIntervalMs: z.number().int().min(5).default(100),
  /** How often reference data and rejections are pulled down (on average: each wait is jittered ±50 %). */
  referencePollMs: z.number().int().min(100).default(15_000),
  /**
   * Reference rows younger than this are left for the next pull: a writer transaction that started
   * earlier but commits later would otherwise slip behind the (updated_at, id) checkpoint.
   */
  referenceSettleMs: z.number().int().min(0).default(10_000),
  backoff: z.object({
    initialMs: z.number().int().min(1).default(250),
    maxMs: z.number().int().min(1).default(30_000),
  }).strict().default({ initialMs: 250, maxMs: 30_000 }),
  /**
   * The projector (docs/central.md): after each ingest the worker runs one bounded step of it in its
   * own transaction, skipping it while another station's worker holds the cursor. A site that runs
   * `station central project` instead may turn the cooperative steps off.
   */
  projector: z.object({
    cooperative: z.boolean().default(true),
    maxEvents: z.number().int().min(1).max(100_000).default(5_000),
    /** Longest back-off after a step that found nothing to do (another worker was projecting). */
    backoffMaxMs: z.number().int().min(0).max(60_000).default(1_000),
  }).strict().default({ cooperative: true, maxEvents: 5_000, backoffMaxMs: 1_000 }),
  /** A non-empty queue whose mark has not moved for this long raises the "stuck" alert. */
  stuckAfterMs: z.number().int().min(1_000).default(120_000),
}).strict();

export type CentralConfig = z.infer<typeof CentralConfig>;
export type CentralConfigInput = z.input<typeof CentralConfig>;
