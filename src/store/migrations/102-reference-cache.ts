import type { LocalMigration } from '../../core/workflow';

/**
 * The station's copy of central reference data, used to validate scans offline. Each source keeps
 * its own (updated_at, id) checkpoint; no checkpoint row means "not yet synced". Timestamps are
 * central's, kept as text with microseconds so the checkpoint compares exactly.
 */
export const referenceCache: LocalMigration = {
  id: 'core:003',
  sql: `
    CREATE TABLE ref_users (
      id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, badge TEXT,
      active INTEGER NOT NULL CHECK (active IN (0, 1)), updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX ref_users_badge ON ref_users(badge);
    CREATE TABLE ref_code_rules (
      id TEXT PRIMARY KEY, rule TEXT NOT NULL, active INTEGER NOT NULL CHECK (active IN (0, 1)), updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE ref_bags (
      code TEXT PRIMARY KEY, status TEXT NOT NULL, capacity INTEGER, link_count INTEGER NOT NULL, updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE ref_bills (
      id TEXT PRIMARY KEY, number TEXT NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE ref_checkpoints (
      source TEXT PRIMARY KEY, updated_at TEXT NOT NULL, last_id TEXT NOT NULL, synced_at TEXT NOT NULL
    ) STRICT;
  `,
};
