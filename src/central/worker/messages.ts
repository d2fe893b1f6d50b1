import type { CentralConfig } from '../config';
import type { ReplicationStatus } from '../status';

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

export type ToWorker = { type: 'stop' } | { type: 'nudge' };

export type FromWorker =
  | { type: 'status'; status: ReplicationStatus }
  | { type: 'log'; level: 'error' | 'warn' | 'info' | 'debug'; message: string; meta?: Record<string, unknown> }
  | { type: 'ack'; mark: number }
  | { type: 'stopped' };
