import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { compiledWorkerFile } from '../worker-file';
import type { CheckpointDone, CheckpointMode, CheckpointWorkerInit } from './worker/checkpoint-messages';

export interface CheckpointerOptions {
  file: string;
  busyTimeoutMs: number;
  /** A PASSIVE checkpoint after this many records: it keeps the WAL short, and SQLite reuses it from the start. */
  everyRecords: number;
  /** How often to try a TRUNCATE checkpoint, which gives the WAL's disk space back. */
  truncateIntervalMs: number;
  /** A TRUNCATE waits for a quiet moment (no record for this long): while it runs, writers wait. */
  truncateWhenIdleMs: number;
  onError(err: Error): void;
  onCheckpoint?(mode: CheckpointMode): void;
  /** The clock the idle test reads (tests pass their own). */
  now?: () => number;
}

export interface Checkpointer {
  /** Called after each committed record; a checkpoint it starts waits until the scan's answer has gone out. */
  afterRecord(): void;
  stop(): Promise<void>;
}

/**
 * Runs the station database's checkpoints in a worker thread with its own connection. On the main
 * thread a checkpoint held the event loop for 1 ms on a quiet disk and up to 29 ms on a busy one,
 * and the scans arriving meanwhile waited for it. A PASSIVE checkpoint never blocks a writer; one is
 * asked for at a time, and a request while one runs is simply dropped (the next one catches up).
 * SQLite's own automatic checkpoint on the main connection stays as the backstop.
 */
export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const init: CheckpointWorkerInit = { file: options.file, busyTimeoutMs: options.busyTimeoutMs };
  const worker = new Worker(compiledWorkerFile(__dirname, path.join('worker', 'checkpoint-worker.js'), 'checkpoint'), { workerData: init, name: 'checkpoint' });
  worker.unref(); // a station that is done must be able to exit
  let running = false;
  let stopped = false;
  let records = 0;
  let lastRecordAt = 0;
  const now = options.now ?? Date.now;

  worker.on('message', (done: CheckpointDone) => {
    running = false;
    if (done.ok) options.onCheckpoint?.(done.mode);
    else options.onError(new Error(`${done.mode} checkpoint failed: ${done.error}`));
  });
  worker.on('error', (err) => options.onError(err));
  worker.on('exit', (code) => {
    if (!stopped) options.onError(new Error(`the checkpoint worker stopped (exit ${code}); SQLite's automatic checkpoints continue`));
  });

  const ask = (mode: CheckpointMode) => {
    if (running || stopped) return;
    running = true;
    worker.postMessage(mode);
  };
  const timer = setInterval(() => {
    if (now() - lastRecordAt >= options.truncateWhenIdleMs) ask('TRUNCATE');
  }, options.truncateIntervalMs);
  timer.unref();

  return {
    afterRecord() {
      lastRecordAt = now();
      if (++records < options.everyRecords) return;
      records = 0;
      setImmediate(() => ask('PASSIVE'));
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await worker.terminate();
    },
  };
}
