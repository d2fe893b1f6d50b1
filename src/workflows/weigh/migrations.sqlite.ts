import type { LocalMigration } from '../../core/workflow';

/**
 * `weights`: one row per weighing of a closed container (a failed one has no grams), derived from the
 * `weigh.*` events. `accepted`: in tolerance, or accepted by a supervisor (`accepted_by`).
 */
export const weighMigration: LocalMigration = {
  id: 'weigh:001',
  sql: `
    CREATE TABLE weights (
      seq INTEGER PRIMARY KEY,
      container TEXT NOT NULL,
      scale_id TEXT NOT NULL,
      grams REAL,
      expected_grams REAL,
      tolerance_grams REAL,
      max_weight_g REAL,
      verdict TEXT,
      failure_reason TEXT,
      failure_detail TEXT,
      accepted INTEGER NOT NULL DEFAULT 0,
      accepted_by TEXT,
      at TEXT NOT NULL
    );
    CREATE INDEX weights_container ON weights (container, seq);
  `,
};
