import type { LocalMigration } from '../../core/workflow';

/**
 * The append-only event log and its outbox. Events are never updated or deleted; a correction is a
 * new event. `seq` is gapless per station (1, 2, 3 …) and is what replication orders and dedupes by.
 * An outbox row is written in the same transaction as its event and pruned only up to the central
 * high-water mark.
 */
export const eventLog: LocalMigration = {
  id: 'core:001',
  sql: `
    CREATE TABLE events (
      seq            INTEGER PRIMARY KEY,
      id             TEXT    NOT NULL UNIQUE,
      station_id     TEXT    NOT NULL,
      type           TEXT    NOT NULL,
      payload        TEXT    NOT NULL,
      device_time    TEXT    NOT NULL,
      correlation_id TEXT    NOT NULL,
      device_id      TEXT,
      user_id        TEXT
    ) STRICT;
    CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    CREATE TABLE outbox (seq INTEGER PRIMARY KEY REFERENCES events(seq)) STRICT;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `,
};
