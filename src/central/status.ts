/**
 * What replication looks like from the station: shown in the UI and by `station doctor`.
 * Times are epoch ms (this machine's clock); they describe, they never order anything.
 */
export type ReplicationState =
  | 'not-configured' // no central URL: the station works offline, by design
  | 'starting'
  | 'replicating' // sending a backlog
  | 'idle' // caught up, waiting for new events
  | 'retrying' // a transient failure (network, restart); backing off
  | 'error' // someone must act (password, migrations, provisioning, local disk); still retrying slowly
  | 'stopped';

export interface ReplicationStatus {
  state: ReplicationState;
  stationId: string;
  /** Events committed here that central has not acknowledged. */
  queueDepth: number;
  /** Age of the oldest unacknowledged event (by its device time), null when the queue is empty. */
  oldestUnsentAgeMs: number | null;
  /** Events between the local log's end and central's mark. */
  lagEvents: number;
  localSeq: number;
  /** Central's mark as last seen; null before the first contact. */
  centralMark: number | null;
  lastAckAt: number | null;
  /** Non-empty queue and the mark has not moved for `stuckAfterMs`: raise the alert. */
  stuck: boolean;
  lastError: { code: string; message: string; at: number } | null;
  /** Local problem that does not stop replication, e.g. the outbox cannot be pruned on a full disk. */
  localWarning: string | null;
  deadLettered: number;
  /** Rejections received from central that the supervisor has not seen. */
  unseenRejections: number;
  /**
   * Central's sync health for this station (`central.station_health()`, read with the heartbeat):
   * events stored but not yet projected, with the oldest one's age, and open dead letters of ingest
   * and projection. Null until read (or on a central without the function).
   */
  centralHealth: CentralHealth | null;
  reference: ReferenceSyncStatus;
  updatedAt: number;
}

export interface CentralHealth {
  unprojected: number;
  oldestUnprojectedAgeMs: number | null;
  ingestDeadLetters: number;
  projectionDeadLetters: number;
  /** The open ones themselves (at most 50, oldest seq first), for the supervisor's retry and skip. */
  quarantine: QuarantinedEvent[];
  /** When it was read (this machine's clock): the age grows from there. */
  readAt: number;
}

/** One of this station's events that central set aside (a dead letter of ingest or projection). */
export interface QuarantinedEvent {
  kind: 'ingest' | 'projection';
  id: number;
  seq: number;
  type: string;
  error: string;
  at: string;
}

export type { DeadLetterDecision, DeadLetterOutcome } from '../core/central-port';

export type ReferenceSyncStatus =
  | { state: 'not-synced' }
  | { state: 'synced'; syncedAt: string; version: string };

export interface WatchdogInput {
  queueDepth: number;
  oldestDeviceTime: string | null;
  /** When the mark last moved, or when the worker started if it has not moved yet. */
  lastProgressAt: number;
  stuckAfterMs: number;
  now: number;
}

/** The watchdog's judgement: queue age and whether the queue is stuck (non-empty, mark not moving). */
export function watchdog(input: WatchdogInput): { oldestUnsentAgeMs: number | null; stuck: boolean } {
  const oldest = input.oldestDeviceTime ? Date.parse(input.oldestDeviceTime) : NaN;
  const oldestUnsentAgeMs = input.queueDepth > 0 && Number.isFinite(oldest) ? Math.max(0, input.now - oldest) : null;
  const stuck = input.queueDepth > 0 && input.now - input.lastProgressAt >= input.stuckAfterMs;
  return { oldestUnsentAgeMs, stuck };
}

export function notConfiguredStatus(stationId: string): ReplicationStatus {
  return {
    state: 'not-configured', stationId, queueDepth: 0, oldestUnsentAgeMs: null, lagEvents: 0, localSeq: 0,
    centralMark: null, lastAckAt: null, stuck: false, lastError: null, localWarning: null, deadLettered: 0,
    unseenRejections: 0, centralHealth: null, reference: { state: 'not-synced' }, updatedAt: Date.now(),
  };
}
