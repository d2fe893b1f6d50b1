import fs from 'node:fs';
import path from 'node:path';
import { startCheckpointer, type Checkpointer, type CheckpointerOptions } from '../../../src/store/checkpointer';
import { openDatabase, type Db } from '../../../src/store/db';
import type { CheckpointMode } from '../../../src/store/worker/checkpoint-messages';
import { useTempDir } from '../../unit/store/temp-dir';

// The checkpoint thread on a real file: it runs PASSIVE after enough records, TRUNCATE only once the
// station is idle, and reports failures instead of throwing.
const dir = useTempDir('checkpoints-');
let db: Db | undefined;
let checkpointer: Checkpointer | undefined;
afterEach(async () => {
  await checkpointer?.stop();
  db?.close();
  checkpointer = undefined;
  db = undefined;
});

/** A database whose new rows (about 200 KB) are still only in the WAL: SQLite's own checkpoint is off. */
function databaseWithUncheckpointedRows(): { file: string; db: Db; dbSizeBefore: number } {
  const file = path.join(dir(), 'station.db');
  db = openDatabase(file);
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT NOT NULL)');
  db.pragma('wal_checkpoint(TRUNCATE)');
  const dbSizeBefore = fs.statSync(file).size;
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  for (let i = 0; i < 50; i++) insert.run('x'.repeat(4000));
  return { file, db, dbSizeBefore };
}

function start(file: string, overrides: Partial<CheckpointerOptions>) {
  const done: CheckpointMode[] = [];
  const errors: Error[] = [];
  let notify: (() => void) | undefined;
  checkpointer = startCheckpointer({
    file, busyTimeoutMs: 1000, everyRecords: 3, truncateIntervalMs: 20, truncateWhenIdleMs: 1000,
    onError: (err) => { errors.push(err); notify?.(); },
    onCheckpoint: (mode) => { done.push(mode); notify?.(); },
    ...overrides,
  });
  /** Resolves once `mode` has completed (or an error came). */
  const completed = (mode: CheckpointMode) => new Promise<void>((resolve) => {
    notify = () => { if (done.includes(mode) || errors.length > 0) resolve(); };
    notify();
  });
  return { done, errors, completed, checkpointer };
}

test('a PASSIVE checkpoint copies the WAL into the database file after every N records, never before', async () => {
  const { file, dbSizeBefore } = databaseWithUncheckpointedRows();
  const frozenClock = () => 0; // never idle: no TRUNCATE in this test
  const run = start(file, { now: frozenClock });
  run.checkpointer.afterRecord();
  run.checkpointer.afterRecord();
  await new Promise((r) => setTimeout(r, 100));
  expect(run.done).toEqual([]);
  expect(fs.statSync(file).size).toBe(dbSizeBefore);

  run.checkpointer.afterRecord();
  await run.completed('PASSIVE');
  expect(run.errors).toEqual([]);
  expect(run.done).toEqual(['PASSIVE']);
  expect(fs.statSync(file).size).toBeGreaterThan(dbSizeBefore + 50 * 4000);
  expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0); // PASSIVE leaves the WAL file for reuse
});

test('TRUNCATE waits until no record came for the idle time, then empties the WAL file', async () => {
  const { file } = databaseWithUncheckpointedRows();
  let clock = 10_000;
  const run = start(file, { now: () => clock, everyRecords: 1_000 });
  run.checkpointer.afterRecord(); // a record "now": 20 ms ticks see a busy station
  await new Promise((r) => setTimeout(r, 200));
  expect(run.done).toEqual([]);
  expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

  clock += 1_000; // a quiet second later
  await run.completed('TRUNCATE');
  expect(run.errors).toEqual([]);
  expect(fs.statSync(`${file}-wal`).size).toBe(0);
  expect(db!.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 50 });
});

test('a checkpoint thread that cannot open the database reports why, and recording goes on', async () => {
  const missing = path.join(dir(), 'gone', 'station.db');
  const run = start(missing, {});
  await run.completed('PASSIVE');
  expect(run.errors[0]?.message).toMatch(/unable to open database file|directory does not exist/);
  expect(() => { run.checkpointer.afterRecord(); run.checkpointer.afterRecord(); run.checkpointer.afterRecord(); }).not.toThrow();
});
