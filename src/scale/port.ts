import type { CommandReply } from './protocol';
import type { ScaleReading } from './reading';

/** What the screen and `station doctor` show for a scale. */
export type ScaleStatusName = 'connected' | 'unstable' | 'overload' | 'underload' | 'no-reply' | 'disconnected' | 'permission-denied' | 'error';

export interface ScaleStatus {
  scaleId: string;
  status: ScaleStatusName;
  detail: string;
}

export type WeighResult =
  | { ok: true; grams: number; unit: string; readings: number; elapsedMs: number }
  | { ok: false; reason: 'no-reply' | 'disconnected' | 'unstable' | 'overload' | 'underload' | 'error' | 'busy'; detail: string; elapsedMs: number };

export interface WeighOptions {
  /** Give up after this long without an accepted weight (default 10 s). */
  timeoutMs?: number;
  /** Stop early, e.g. when the packer cancels. */
  signal?: AbortSignal;
}

export type CommandResult = CommandReply | { kind: 'unsupported' | 'no-reply' | 'disconnected' | 'busy'; detail: string };

/**
 * A scale as a workflow uses it. `src/` defines it; `native/scale` implements it on a serial port.
 * Nothing here throws for a missing or silent scale: results and statuses say what is wrong.
 */
export interface ScalePort {
  readonly scaleId: string;
  /** Which of zero / tare this scale's protocol has. */
  readonly canZero: boolean;
  readonly canTare: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The latest status (also pushed to `onStatus` listeners, once per change). */
  status(): ScaleStatus;
  onStatus(listener: (status: ScaleStatus) => void): () => void;
  /** Every reading as it arrives, e.g. to show a live weight. */
  onReading?(listener: (reading: ScaleReading) => void): () => void;
  /** Waits for `stableReadings` equal stable readings in a row. */
  weigh(options?: WeighOptions): Promise<WeighResult>;
  zero(): Promise<CommandResult>;
  tare(): Promise<CommandResult>;
}
