import type { LocalMigration } from '../../core/workflow';

/**
 * The dashboard reads a time window of the log and what is open now, never the whole log:
 * `events_by_time` bounds the window by device time (one more index entry per event), and
 * `containers_open` finds the open containers without reading every container ever closed.
 */
export const dashboardMigration: LocalMigration = {
  id: 'dashboard:001',
  sql: `
    CREATE INDEX events_by_time ON events (device_time);
    CREATE INDEX containers_open ON containers (opened_seq) WHERE status = 'open';
  `,
};
