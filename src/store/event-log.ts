import { uuidv7 } from '../ids';
import type { DomainEvent, StoredEvent } from '../domain/events';
import type { Db } from './db';

/** Who and what an appended event is about. */
export interface AppendContext {
  correlationId: string;
  deviceId: string | null;
  userId: string | null;
}

/** Keeps a derived table in step with the log; runs inside the append transaction. */
export type Projector = (event: StoredEvent) => void;

export interface EventLog {
  /**
   * Appends events, their outbox rows and their projections in ONE transaction (a savepoint when
   * called inside an outer transaction). Either all of it commits or none of it does.
   */
  append(events: readonly DomainEvent[], context: AppendContext): StoredEvent[];
  lastSeq(): number;
}

/**
 * The append-only log writer. `seq` is the rowid of a table that is never deleted from, so SQLite
 * hands out max+1: gapless, and a rolled-back append leaves no hole.
 */
export function createEventLog(db: Db, stationId: string, projectors: readonly Projector[] = [], clock: () => Date = () => new Date()): EventLog {
  const insertEvent = db.prepare<[string, string, string, string, string, string, string | null, string | null]>(
    `INSERT INTO events (id, station_id, type, payload, device_time, correlation_id, device_id, user_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutbox = db.prepare<[number]>('INSERT INTO outbox (seq) VALUES (?)');
  const selectLastSeq = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM events').pluck();

  const appendRows = (events: readonly DomainEvent[], context: AppendContext): StoredEvent[] => {
    const deviceTime = clock().toISOString();
    return events.map((event) => {
      const id = uuidv7();
      const info = insertEvent.run(id, stationId, event.type, JSON.stringify(event.payload), deviceTime,
        context.correlationId, context.deviceId, context.userId);
      const seq = Number(info.lastInsertRowid);
      insertOutbox.run(seq);
      const stored: StoredEvent = { seq, id, stationId, type: event.type, payload: event.payload, deviceTime, ...context };
      for (const project of projectors) project(stored);
      return stored;
    });
  };
  const appendInTransaction = db.transaction(appendRows);

  return {
    // Inside the caller's transaction (every scan) the rows need no savepoint of their own: it
    // commits or rolls back all of them. Called on its own, the append is its own transaction.
    append: (events, context) => (db.inTransaction ? appendRows(events, context) : appendInTransaction(events, context)),
    lastSeq: () => selectLastSeq.get() as number,
  };
}
