import path from 'node:path';
import type { PendingError, ScanResult } from '../api';
import type { BagLookup } from '../domain/bags';
import type { DomainEvent, StoredEvent } from '../domain/events';
import { createBagLookup } from './bag-lookup';
import { createBagProjection } from './bag-projection';
import { Db, openDatabase, startCheckpoints } from './db';
import { toStoreError } from './errors';
import { AppendContext, createEventLog, EventLog } from './event-log';
import { runMigrations } from './migrate';
import { migrations } from './migrations';
import { createScreenState, type ScreenState } from './screen-state';

export interface StoreOptions {
  /** The SQLite file, usually `databaseFile(config.dataDir)`. */
  file: string;
  stationId: string;
  checkpointIntervalMs: number;
  /** How long a write waits for another connection's lock; default 5 s. */
  busyTimeoutMs?: number;
  onCheckpointError?: (err: unknown) => void;
  clock?: () => Date;
}

/** What the screen shows for one recorded scan: its result and, for a bad one, the pending error. */
export interface Shown {
  result: ScanResult;
  error: PendingError | null;
}

export interface Store {
  readonly db: Db;
  readonly file: string;
  readonly bags: BagLookup;
  readonly log: EventLog;
  /** Pending errors and recent results as of the last commit (restored by the station at start-up). */
  readonly screen: ScreenState;
  /**
   * Lets `decide` read the current state and appends the events it returns, in ONE immediate
   * transaction, so no other writer can slip in between the read and the write. `show`, when given,
   * builds the result (and pending error) from the decision and its stored events; they are written
   * to the screen tables in that same transaction, so a committed refusal always has its pending
   * error. Throws a StoreError (disk full, read-only, locked …) with nothing committed.
   */
  record<D extends { events: readonly DomainEvent[] }>(
    decide: (bags: BagLookup) => D,
    context: AppendContext,
    show?: (decision: D, events: readonly StoredEvent[]) => Shown,
  ): { decision: D; events: StoredEvent[]; shown: Shown | null };
  close(): void;
}

/**
 * SQLite checkpoints the WAL inside the commit that takes it past `wal_autocheckpoint` pages (1000 by
 * default): every ~100th scan paid for copying the WAL into the database and two more fsyncs before
 * it was answered. `record` instead schedules a PASSIVE checkpoint after every CHECKPOINT_EVERY_RECORDS
 * records, CHECKPOINT_DELAY_MS later: the caller has answered the scan it recorded by then, and the
 * answer is on its way, so the checkpoint's writes and fsyncs do not compete with it. SQLite's own
 * stays as the backstop, at a threshold the scheduled one keeps the WAL below.
 */
const CHECKPOINT_EVERY_RECORDS = 100;
const CHECKPOINT_DELAY_MS = 2;
const AUTOCHECKPOINT_PAGES = 4000;

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'station.db');
}

/** Opens (creating if needed), checks and migrates the station database. */
export function openStore(options: StoreOptions): Store {
  const db = openDatabase(options.file, { busyTimeoutMs: options.busyTimeoutMs });
  try {
    runMigrations(db, migrations);
  } catch (err) {
    db.close();
    throw toStoreError(`cannot migrate the database ${options.file}`, err);
  }
  const bags = createBagLookup(db);
  const log = createEventLog(db, options.stationId, [createBagProjection(db)], options.clock);
  const screen = createScreenState(db);
  const onCheckpointError = options.onCheckpointError ?? (() => {});
  const stopCheckpoints = startCheckpoints(db, options.checkpointIntervalMs, onCheckpointError);
  db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  let recordsSinceCheckpoint = 0;
  let checkpointSoon: NodeJS.Timeout | undefined;
  const checkpoint = () => {
    checkpointSoon = undefined;
    recordsSinceCheckpoint = 0;
    if (!db.open) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      onCheckpointError(err);
    }
  };

  type Decided = { events: readonly DomainEvent[] };
  type Show = (decision: Decided, events: readonly StoredEvent[]) => Shown;
  const inTransaction = db.transaction((decide: (b: BagLookup) => Decided, context: AppendContext, show: Show | undefined) => {
    const decision = decide(bags);
    const events = log.append(decision.events, context);
    const shown = show ? show(decision, events) : null;
    if (shown) screen.remember(shown.result, shown.error);
    return { decision, events, shown };
  });
  function record<D extends Decided>(
    decide: (b: BagLookup) => D,
    context: AppendContext,
    show?: (decision: D, events: readonly StoredEvent[]) => Shown,
  ): { decision: D; events: StoredEvent[]; shown: Shown | null } {
    try {
      // db.transaction erases the generic; the decision handed back (and to `show`) is the one `decide` returned.
      const recorded = inTransaction.immediate(decide, context, show as Show | undefined) as { decision: D; events: StoredEvent[]; shown: Shown | null };
      if (++recordsSinceCheckpoint >= CHECKPOINT_EVERY_RECORDS && !checkpointSoon) {
        checkpointSoon = setTimeout(checkpoint, CHECKPOINT_DELAY_MS);
        checkpointSoon.unref();
      }
      return recorded;
    } catch (err) {
      throw toStoreError('not recorded', err);
    }
  }

  return {
    db,
    file: options.file,
    bags,
    log,
    screen,
    record,
    close() {
      stopCheckpoints();
      if (checkpointSoon) clearTimeout(checkpointSoon);
      checkpointSoon = undefined;
      if (!db.open) return;
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}
