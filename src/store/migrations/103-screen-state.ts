import type { LocalMigration } from '../../core/workflow';

/**
 * What the packer's screen must get back after a restart: errors not yet acknowledged, and the last
 * scan results. Both are written in the same transaction as the events of the scan that produced
 * them. This is state about the UI, not domain events: an acknowledgement deletes its row, and
 * `recent_scans` is a ring pruned to its newest rows (the append-only rule is the `events` table's).
 * `n` orders the rows (newest = highest); `pending_errors.seq` is the event that raised the error.
 */
export const screenState: LocalMigration = {
  id: 'core:004',
  sql: `
    CREATE TABLE pending_errors (
      n       INTEGER PRIMARY KEY,
      id      TEXT    NOT NULL UNIQUE,
      message TEXT    NOT NULL,
      code    TEXT,
      at      TEXT    NOT NULL,
      seq     INTEGER REFERENCES events(seq)
    ) STRICT;
    CREATE TABLE recent_scans (
      n      INTEGER PRIMARY KEY,
      result TEXT    NOT NULL
    ) STRICT;
  `,
};
