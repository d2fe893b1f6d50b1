import path from 'node:path';
import type { DomainEvent, StoredEvent } from '../core/events';
import type { Registry } from '../core/registry';
import type { Views } from '../core/workflow';
import type { Shown, StorePort } from '../core/store-port';
import { startCheckpointer } from './checkpointer';
import { Db, openDatabase } from './db';
import type { CheckpointMode } from './worker/checkpoint-messages';
import { toStoreError } from './errors';
import { AppendContext, createEventLog, EventLog } from './event-log';
import { runMigrations } from './migrate';
import { storeMigrations } from './migrations';
import { createScreenState, type ScreenState } from './screen-state';

export interface StoreOptions {
  /** The SQLite file, usually `databaseFile(config.dataDir)`. */
  file: string;
  stationId: string;
  /** The workflow modules: their migrations, views and projections (src/workflows). */
  registry: Registry;
  checkpointIntervalMs: number;
  /** How long a write waits for another connection's lock; default 5 s. */
  busyTimeoutMs?: number;
  onCheckpointError?: (err: unknown) => void;
  /** Told after each checkpoint the store's checkpoint thread completed. */
  onCheckpoint?: (mode: CheckpointMode) => void;
  clock?: () => Date;
}

export type { Shown } from '../core/store-port';

/** The store: the StorePort the station core uses (views, `record`, screen rows), plus what its owner needs. */
export interface Store extends StorePort {
  readonly db: Db;
  readonly file: string;
  readonly log: EventLog;
  /** Pending errors and recent results as of the last commit (restored by the station at start-up). */
  readonly screen: ScreenState;
  close(): void;
}

/**
 * Checkpoints run in their own thread (see checkpointer.ts): a PASSIVE one after every
 * CHECKPOINT_EVERY_RECORDS records, a TRUNCATE one on the configured interval once the station has
 * been idle for TRUNCATE_WHEN_IDLE_MS. SQLite's automatic checkpoint, which would run inside a
 * scan's commit, stays as the backstop at a threshold those keep the WAL below.
 */
const CHECKPOINT_EVERY_RECORDS = 100;
const TRUNCATE_WHEN_IDLE_MS = 2000;
const AUTOCHECKPOINT_PAGES = 4000;

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'station.db');
}

/** Opens (creating if needed), checks and migrates the station database. */
export function openStore(options: StoreOptions): Store {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = openDatabase(options.file, { busyTimeoutMs });
  try {
    runMigrations(db, [...storeMigrations, ...options.registry.migrations]);
  } catch (err) {
    db.close();
    throw toStoreError(`cannot migrate the database ${options.file}`, err);
  }
  const views = options.registry.createViews(db);
  const log = createEventLog(db, options.stationId, options.registry.createProjector(db), options.clock);
  const screen = createScreenState(db);
  db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer({
    file: options.file,
    busyTimeoutMs,
    everyRecords: CHECKPOINT_EVERY_RECORDS,
    truncateIntervalMs: options.checkpointIntervalMs,
    truncateWhenIdleMs: TRUNCATE_WHEN_IDLE_MS,
    onError: options.onCheckpointError ?? (() => {}),
    onCheckpoint: options.onCheckpoint,
  });

  type Decided = { events: readonly DomainEvent[] };
  type Show = (decision: Decided, events: readonly StoredEvent[]) => Shown;
  const inTransaction = db.transaction((decide: (v: Views) => Decided, context: AppendContext, show: Show | undefined) => {
    const decision = decide(views);
    const events = log.append(decision.events, context);
    const shown = show ? show(decision, events) : null;
    if (shown) screen.remember(shown.result, shown.error);
    return { decision, events, shown };
  });
  function record<D extends Decided>(
    decide: (v: Views) => D,
    context: AppendContext,
    show?: (decision: D, events: readonly StoredEvent[]) => Shown,
  ): { decision: D; events: StoredEvent[]; shown: Shown | null } {
    try {
      // db.transaction erases the generic; the decision handed back (and to `show`) is the one `decide` returned.
      const recorded = inTransaction.immediate(decide, context, show as Show | undefined) as { decision: D; events: StoredEvent[]; shown: Shown | null };
      checkpointer.afterRecord();
      return recorded;
    } catch (err) {
      throw toStoreError('not recorded', err);
    }
  }

  return {
    db,
    file: options.file,
    views,
    log,
    screen,
    record,
    close() {
      void checkpointer.stop();
      if (!db.open) return;
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}
