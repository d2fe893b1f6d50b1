// The station database's checkpoints, on their own connection in their own thread: copying the WAL
// into the database file and its fsyncs never hold up the thread that records and answers scans.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointDone, CheckpointMode, CheckpointWorkerInit } from './checkpoint-messages';

const init = workerData as CheckpointWorkerInit;
const port = parentPort!;
const db = new Database(init.file, { fileMustExist: true });
db.pragma(`busy_timeout = ${Math.trunc(init.busyTimeoutMs)}`);
// The checkpoint must be durable in the database file before SQLite reuses the WAL it copied.
db.pragma('synchronous = FULL');

port.on('message', (mode: CheckpointMode) => {
  let done: CheckpointDone;
  try {
    db.pragma(`wal_checkpoint(${mode === 'TRUNCATE' ? 'TRUNCATE' : 'PASSIVE'})`);
    done = { mode, ok: true };
  } catch (err) {
    done = { mode, ok: false, error: (err as Error).message ?? String(err) };
  }
  port.postMessage(done);
});
