import type { LocalMigration } from '../../core/workflow';

/**
 * `eod_closes`: one row per day or shift closed here (`shift` '' for the whole day), so a second close
 * is refused by its key. The indexes keep a summary to index reads: `eod_events_by_time` finds a
 * period's seq range by device time (index-only), `eod_container_state` finds a container's last
 * open/close/reopen/void event (what is still open at a range's end), `eod_containers_open` the open ones.
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
    CREATE INDEX eod_events_by_time ON events (device_time, seq);
    CREATE INDEX eod_container_state ON events (json_extract(payload, '$.container'), seq)
      WHERE type IN ('container.opened', 'container.closed', 'container.reopened', 'container.voided');
    CREATE INDEX eod_containers_open ON containers (opened_seq) WHERE status = 'open';
  `,
};
