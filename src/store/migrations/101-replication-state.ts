import type { LocalMigration } from '../../core/workflow';

/**
 * Replication bookkeeping on the station. `acked_seq` only grows: the outbox is pruned up to it, and
 * an older acknowledgement arriving late changes nothing. `status_json` is the worker's last status,
 * so `station doctor` can report it from another process. Rejections are events that lost a conflict
 * at central; they come back down for the supervisor, who marks them seen.
 */
export const replicationState: LocalMigration = {
  id: 'core:002',
  sql: `
    CREATE TABLE replication_state (
      id           INTEGER PRIMARY KEY CHECK (id = 1),
      acked_seq    INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
      acked_at     TEXT,
      status_json  TEXT
    ) STRICT;
    INSERT INTO replication_state (id, acked_seq) VALUES (1, 0);
    CREATE TABLE central_rejections (
      central_id      INTEGER PRIMARY KEY,
      seq             INTEGER NOT NULL UNIQUE,
      event_id        TEXT    NOT NULL,
      type            TEXT    NOT NULL,
      reason          TEXT    NOT NULL,
      detail          TEXT    NOT NULL,
      winner_station  TEXT,
      winner_seq      INTEGER,
      created_at      TEXT    NOT NULL,
      received_at     TEXT    NOT NULL,
      seen_at         TEXT
    ) STRICT;
  `,
};
