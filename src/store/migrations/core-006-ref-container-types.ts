import type { LocalMigration } from '../../core/workflow';

/**
 * Container types from central (reference source `container_types`, written by the replication
 * worker's pull like the other reference sources): each row one `container.types` entry as JSON. The
 * container workflow reads them when the station starts.
 */
export const refContainerTypes: LocalMigration = {
  id: 'core:006',
  sql: `
    CREATE TABLE ref_container_types (
      id TEXT PRIMARY KEY, definition TEXT NOT NULL, active INTEGER NOT NULL CHECK (active IN (0, 1)), updated_at TEXT NOT NULL
    ) STRICT;
  `,
};
