import type { LocalMigration } from '../../core/workflow';

/**
 * `eod_closes`: one row per day or shift closed here (`shift` '' for the whole day), so a second close
 * is refused by its key. `eod_container_state` finds a container's last open/close/reopen/void event
 * (what is still open at a range's end). A period's seq range comes from `events_by_time` (core:009),
 * the open containers from `containers_open` (container:002).
 */
export const eodMigration: LocalMigration = {
  id: 'eod:001',
  sql: `
    CREATE TABLE eod_closes (
      date TEXT NOT NULL,
      shift TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at TEXT NOT NULL,
      user_id TEXT,
      summary_hash TEXT NOT NULL,
      reason TEXT,
      PRIMARY KEY (date, shift)
    );
    CREATE INDEX eod_container_state ON events (json_extract(payload, '$.container'), seq)
      WHERE type IN ('container.opened', 'container.closed', 'container.reopened', 'container.voided');
  `,
};
