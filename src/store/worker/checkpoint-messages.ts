/** What the store asks its checkpoint worker, and what it answers. */
export type CheckpointMode = 'PASSIVE' | 'TRUNCATE';

export interface CheckpointWorkerInit {
  file: string;
  busyTimeoutMs: number;
}

export type CheckpointDone = { mode: CheckpointMode; ok: true } | { mode: CheckpointMode; ok: false; error: string };
