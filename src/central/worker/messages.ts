import type { CentralDashboard } from '../../core/central-port';
import type { CentralConfig } from '../config';
import type { DeadLetterDecision, DeadLetterOutcome, ReplicationStatus } from '../status';

/** What the station hands the replication worker thread. */
export interface WorkerInit {
  dbPath: string;
  stationId: string;
  config: CentralConfig;
  appVersion?: string;
  statusIntervalMs: number;
  /** Post every acknowledgement as it happens (for a live UI or latency measurements). */
  reportAcks: boolean;
}

export type ToWorker =
  | { type: 'stop' }
  | { type: 'nudge' }
  | { type: 'resolveDeadLetter'; requestId: number; decision: DeadLetterDecision }
  | { type: 'dashboard'; requestId: number; from: string; to: string };

export type FromWorker =
  | { type: 'status'; status: ReplicationStatus }
  | { type: 'log'; level: 'error' | 'warn' | 'info' | 'debug'; message: string; meta?: Record<string, unknown> }
  | { type: 'ack'; mark: number }
  | { type: 'resolved'; requestId: number; outcome: DeadLetterOutcome }
  | { type: 'resolveFailed'; requestId: number; message: string; code?: string }
  | { type: 'dashboard'; requestId: number; figures: CentralDashboard }
  | { type: 'stopped' };
