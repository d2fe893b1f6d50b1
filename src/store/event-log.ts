import { uuidv7 } from '../ids';
import type { AppendContext, DomainEvent, StoredEvent } from '../core/events';
import type { Db } from './db';
import { chainHash, GENESIS_HASH } from './hash-chain';

export type { AppendContext } from '../core/events';

/** Keeps a derived table in step with the log; runs inside the append transaction. */
export type Projector = (event: StoredEvent) => void;

export interface EventLog {
  /**
   * Appends events, their outbox rows and their projections in ONE transaction (the caller's, when
   * called inside one). Either all of it commits or none of it does.
   */
  append(events: readonly DomainEvent[], context: AppendContext): StoredEvent[];
  lastSeq(): number;
}

/**
 * The append-only log writer. `seq` is the rowid of a table that is never deleted from, so SQLite
 * hands out max+1: gapless, and a rolled-back append leaves no hole. Each event is linked to the one
 * before it by its hash (src/store/hash-chain.ts); the previous hash is read inside the transaction, so
 * another writer (the `station users` command) can never fork the chain.
 */
export function createEventLog(db: Db, stationId: string, project: Projector = () => {}, clock: () => Date = () => new Date()): EventLog {
  const insertEvent = db.prepare<[string, string, string, string, string, string, string | null, string | null, string | null, string | null, string | null, string, string]>(
    `INSERT INTO events (id, station_id, type, payload, device_time, correlation_id, device_id, user_id, role, session_id, approved_by, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutbox = db.prepare<[number]>('INSERT INTO outbox (seq) VALUES (?)');
  const selectLastSeq = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM events').pluck();
  const selectHead = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');

  const appendRows = (events: readonly DomainEvent[], context: AppendContext): StoredEvent[] => {
    if (events.length === 0) return [];
    const deviceTime = clock().toISOString();
    const head = selectHead.get() as { seq: number; hash: string | null } | undefined;
    let prevHash = head?.hash ?? GENESIS_HASH;
    let seq = head?.seq ?? 0;
    return events.map((event) => {
      const id = uuidv7();
      seq += 1;
      const fields = { seq, id, stationId, type: event.type, payload: event.payload, deviceTime, ...context };
      const hash = chainHash(fields, prevHash);
      const info = insertEvent.run(id, stationId, event.type, JSON.stringify(event.payload), deviceTime, context.correlationId,
        context.deviceId, context.userId, context.role, context.sessionId, context.approvedBy, prevHash, hash);
      if (Number(info.lastInsertRowid) !== seq) throw new Error(`event log out of step: expected seq ${seq}, got ${info.lastInsertRowid}`);
      insertOutbox.run(seq);
      const stored: StoredEvent = { ...fields, prevHash, hash };
      project(stored);
      prevHash = hash;
      return stored;
    });
  };
  const appendInTransaction = db.transaction(appendRows);

  return {
    // Inside the caller's transaction (every scan) the rows need no savepoint of their own: it
    // commits or rolls back all of them. Called on its own, the append is its own transaction.
    append: (events, context) => (db.inTransaction ? appendRows(events, context) : appendInTransaction.immediate(events, context)),
    lastSeq: () => selectLastSeq.get() as number,
  };
}
