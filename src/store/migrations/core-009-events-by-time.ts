import type { LocalMigration } from '../../core/workflow';

/**
 * The log by the station's clock: a day's, a shift's or a dashboard window's seq range is found by
 * device time, index-only. Never for ordering (seq orders the log); one index entry per event, shared
 * by every reader of a time window (the end-of-day summary, the dashboard).
 */
export const eventsByTime: LocalMigration = {
  id: 'core:009',
  sql: 'CREATE INDEX events_by_time ON events (device_time, seq);',
};
