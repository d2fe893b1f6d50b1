import path from 'node:path';
import type { BagLookup } from '../domain/bags';
import type { DomainEvent, StoredEvent } from '../domain/events';
import { createBagLookup } from './bag-lookup';
import { createBagProjection } from './bag-projection';
import { Db, openDatabase, startCheckpoints } from './db';
import { toStoreError } from './errors';
import { AppendContext, createEventLog, EventLog } from './event-log';
import { runMigrations } from './migrate';
import { migrations } from './migrations';

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

export interface Store {
  readonly db: Db;
  readonly file: string;
  readonly bags: BagLookup;
  readonly log: EventLog;
  /**
   * Lets `decide` read the current state and appends the events it returns, in ONE immediate
   * transaction, so no other writer can slip in between the read and the write. Throws a
   * StoreError (disk full, read-only, locked …) with nothing committed.
   */
  record<D extends { events: readonly DomainEvent[] }>(decide: (bags: BagLookup) => D, context: AppendContext): { decision: D; events: StoredEvent[] };
  close(): void;
}

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
  const stopCheckpoints = startCheckpoints(db, options.checkpointIntervalMs, options.onCheckpointError ?? (() => {}));

  type Decided = { events: readonly DomainEvent[] };
  const inTransaction = db.transaction((decide: (b: BagLookup) => Decided, context: AppendContext) => {
    const decision = decide(bags);
    return { decision, events: log.append(decision.events, context) };
  });
  function record<D extends Decided>(decide: (b: BagLookup) => D, context: AppendContext): { decision: D; events: StoredEvent[] } {
    try {
      // db.transaction erases the generic; the decision handed back is the one `decide` returned.
      return inTransaction.immediate(decide, context) as { decision: D; events: StoredEvent[] };
    } catch (err) {
      throw toStoreError('not recorded', err);
    }
  }

  return {
    db,
    file: options.file,
    bags,
    log,
    record,
    close() {
      stopCheckpoints();
      if (!db.open) return;
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}
